package dev.engram.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import dev.engram.core.transfer.DataCounts;
import dev.engram.core.transfer.Exporter;
import dev.engram.core.transfer.Importer;
import dev.engram.testkit.MigrationDataSet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export into import, the path of {@code engram migrate}: memory to SQLite and SQLite to SQLite,
 * verified by counts and spot checks; importing twice changes nothing.
 */
class MigrationTest {
  @TempDir Path dir;

  /** The three stores of one URI. */
  private record Memories(Store store, ConversationStore conversations,
      CheckpointStore checkpoints) implements AutoCloseable {
    static Memories open(String uri) {
      return new Memories(Engram.store(uri).backgroundSweep(false).open(),
          Engram.conversations(uri).backgroundSweep(false).open(),
          Engram.checkpoints(uri).backgroundSweep(false).open());
    }

    Map<String, Long> counts() {
      Map<String, Long> counts = new java.util.LinkedHashMap<>();
      counts.putAll(DataCounts.store(store, Namespace.root()));
      counts.putAll(DataCounts.conversations(conversations));
      counts.putAll(DataCounts.checkpoints(checkpoints));
      return counts;
    }

    @Override
    public void close() {
      checkpoints.close();
      conversations.close();
      store.close();
    }
  }

  private static void copy(Memories from, Memories to, int batchSize) {
    Importer importer = new Importer(to::store, to::conversations, to::checkpoints);
    Exporter exporter = new Exporter(batchSize, Clock.systemUTC(),
        record -> importer.accept(record, "record"), (kind, token, units) -> importer.flush());
    exporter.store(from.store(), Namespace.root(), null);
    exporter.conversations(from.conversations(), null);
    exporter.checkpoints(from.checkpoints(), null);
    importer.flush();
  }

  @Test
  void memoryToSqliteCopiesEveryKind() {
    try (Memories memory = Memories.open("memory:");
        Memories sqlite = Memories.open("sqlite:" + dir.resolve("target.db"))) {
      MigrationDataSet.seed(memory.store(), memory.conversations(), memory.checkpoints());

      copy(memory, sqlite, 4);

      MigrationDataSet.verifyCopy(memory.store(), memory.conversations(), memory.checkpoints(),
          sqlite.store(), sqlite.conversations(), sqlite.checkpoints());
      assertThat(sqlite.counts()).isEqualTo(memory.counts());
    }
  }

  @Test
  void sqliteToSqliteCopiesEveryKindAndAgainChangesNothing() {
    try (Memories source = Memories.open("sqlite:" + dir.resolve("source.db"));
        Memories target = Memories.open("sqlite:" + dir.resolve("target.db"))) {
      MigrationDataSet.seed(source.store(), source.conversations(), source.checkpoints());

      copy(source, target, 500);
      Map<String, Long> once = target.counts();
      copy(source, target, 3);

      assertThat(target.counts()).isEqualTo(once).isEqualTo(source.counts());
      MigrationDataSet.verifyCopy(source.store(), source.conversations(), source.checkpoints(),
          target.store(), target.conversations(), target.checkpoints());
    }
  }

  @Test
  void exportRecordsNameTheirKindAndResumeTokensContinueAfterABatch() {
    try (Memories source = Memories.open("sqlite:" + dir.resolve("source.db"))) {
      MigrationDataSet.seed(source.store(), source.conversations(), source.checkpoints());
      List<Map<String, Object>> records = new ArrayList<>();
      List<String> tokens = new ArrayList<>();
      Exporter exporter = new Exporter(10, Clock.systemUTC(), records::add,
          (kind, token, units) -> tokens.add(token));

      exporter.store(source.store(), Namespace.root(), null);
      assertThat(records).hasSize(MigrationDataSet.ITEMS)
          .allSatisfy(r -> assertThat(r.get("kind")).isEqualTo("item"));
      assertThat(tokens).containsExactly("10", "20", "30", null);

      records.clear();
      exporter.store(source.store(), Namespace.root(), "20");
      assertThat(records).hasSize(10);
    }
  }
}
