package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.core.Engram;
import dev.engram.spi.JsonCodec;
import dev.engram.testkit.MigrationDataSet;
import dev.engram.testkit.MigrationStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportMigrateTest {
  @TempDir Path dir;

  private String uri(String name) {
    return "sqlite:" + dir.resolve(name + ".db");
  }

  private String seeded(String name) {
    return MigrationStores.seeded(uri(name));
  }

  private static void verifyCopy(String source, String target) {
    MigrationStores.verifyCopy(source, target);
  }

  @Test
  void exportThenImportCopiesEveryKindAndImportingAgainChangesNothing() throws Exception {
    String source = seeded("source");
    Cli.Result export = Cli.raw(new byte[0], Map.of(), "export", "--store", source);
    assertThat(export.code()).as(export.err()).isZero();
    List<Object> records = export.jsonLines();
    assertThat(records).allSatisfy(r -> assertThat(((Map<?, ?>) r).containsKey("kind")).isTrue());
    List<Object> kinds = records.stream().map(r -> ((Map<?, ?>) r).get("kind")).distinct()
        .map(Object.class::cast).toList();
    assertThat(kinds).containsExactlyInAnyOrder("item", "conversation", "message", "checkpoint");
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, export.out(), StandardCharsets.UTF_8);

    String target = uri("target");
    Cli.Result first = Cli.raw(new byte[0], Map.of(), "import", file.toString(), "--store", target);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.json()).isEqualTo(Map.of("items", MigrationDataSet.ITEMS,
        "conversations", MigrationDataSet.CONVERSATIONS, "messages", MigrationDataSet.MESSAGES,
        "checkpoints", MigrationDataSet.CHECKPOINTS));
    Cli.Result second = Cli.raw(new byte[0], Map.of(), "import", file.toString(), "--store", target);
    assertThat(second.code()).as(second.err()).isZero();

    verifyCopy(source, target);
  }

  @Test
  void exportOfOneKindUnderAPrefix() {
    String source = seeded("source");
    Cli.Result export = Cli.raw(new byte[0], Map.of(), "export", "--store", source,
        "--kind", "store", "--prefix", "users.alice");
    assertThat(export.jsonLines()).hasSize(10).allSatisfy(r -> assertThat(((Map<?, ?>) r)
        .get("namespace")).isEqualTo(List.of("users", "alice")));
  }

  @Test
  void importRefusesAMalformedLineNamingIt() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"kind\":\"item\",\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{}}\n"
        + "{\"kind\":\"gizmo\"}\n");
    Cli.Result result = Cli.raw(new byte[0], Map.of(), "import", file.toString(), "--store",
        uri("target"));
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("line 2").contains("gizmo");
  }

  @Test
  void migrateCopiesEveryKindAndVerifiesTheCounts() {
    String source = seeded("source");
    String target = uri("target");

    Cli.Result migrate = Cli.raw(new byte[0], Map.of(), "migrate", "--from", source, "--to",
        target, "--batch-size", "3");

    assertThat(migrate.code()).as(migrate.err()).isZero();
    assertThat(migrate.err()).as("no progress bar off a terminal").isEmpty();
    Map<String, Object> counts = JsonCodec.parseObject(
        JsonCodec.toJson(migrate.json().get("counts")), "counts");
    assertThat(counts).containsEntry("store.items", MigrationDataSet.ITEMS)
        .containsEntry("conversations.messages", MigrationDataSet.MESSAGES)
        .containsEntry("checkpoints.writes", MigrationDataSet.WRITES);
    verifyCopy(source, target);
  }

  @Test
  void aMigrationResumesFromItsProgressFileAndARerunCompletesIt() throws Exception {
    String source = seeded("source");
    String target = uri("target");
    Path progress = dir.resolve("migrate.progress");
    // As if an earlier run had copied the store and stopped: the resumed run skips the store...
    Files.writeString(progress, "{\"from\":\"" + source + "\",\"to\":\"" + target
        + "\",\"kinds\":{\"store\":\"done\"}}");

    Cli.Result resumed = Cli.raw(new byte[0], Map.of(), "migrate", "--from", source, "--to",
        target, "--progress-file", progress.toString());

    // ...so the count check finds the items missing and fails loudly, keeping the progress file.
    assertThat(resumed.code()).isEqualTo(MigrateCommand.COUNT_MISMATCH);
    assertThat(resumed.err()).contains("store.items: " + MigrationDataSet.ITEMS + " in");
    assertThat(progress).exists();

    Cli.Result rerun = Cli.raw(new byte[0], Map.of(), "migrate", "--from", source, "--to",
        target);
    assertThat(rerun.code()).as(rerun.err()).isZero();
    verifyCopy(source, target);
  }

  @Test
  void aTargetHoldingOtherDataFailsTheCountCheck() {
    String source = seeded("source");
    String target = uri("target");
    try (ConversationStore extra = Engram.conversations(target).open()) {
      extra.append("stranger", Message.user("hello"));
    }
    Cli.Result migrate = Cli.raw(new byte[0], Map.of(), "migrate", "--from", source, "--to",
        target, "--kind", "conversations");
    assertThat(migrate.code()).isEqualTo(MigrateCommand.COUNT_MISMATCH);
    assertThat(migrate.err()).contains("conversations.conversations");
  }

  @Test
  void migrateRefusesNonsense() {
    assertThat(Cli.raw(new byte[0], Map.of(), "migrate", "--from", "memory:", "--to", "memory:")
        .code()).isEqualTo(2);
    assertThat(Cli.raw(new byte[0], Map.of(), "migrate", "--from", uri("a"), "--to", uri("b"),
        "--kind", "everything").err()).contains("kind");
    assertThat(Cli.raw(new byte[0], Map.of(), "migrate", "--to", uri("b")).code()).isEqualTo(2);
  }
}
