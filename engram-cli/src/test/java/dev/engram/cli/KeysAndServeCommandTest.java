package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram keys} and the start-up checks of {@code engram serve}, in-process. */
class KeysAndServeCommandTest {
  @TempDir Path dir;

  private Cli.Result keys(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "keys";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--keys-file";
    all[args.length + 2] = dir.resolve("keys.json").toString();
    return Cli.raw(new byte[0], Map.of(), all);
  }

  @Test
  void createPrintsTheKeyOnceListAndRevokeNeverDo() throws Exception {
    Cli.Result created = keys("create", "--scope", "write", "--grant", "users.alice");
    assertThat(created.code()).as("%s", created).isZero();
    String key = (String) created.json().get("key");
    String id = (String) created.json().get("id");
    assertThat(key).startsWith("egk_" + id + "_");
    assertThat(created.json().get("grants")).isEqualTo(java.util.List.of("users.alice"));
    assertThat(created.err()).contains("shown once");
    assertThat(Files.readString(dir.resolve("keys.json"))).doesNotContain(key);

    Cli.Result listed = keys("list");
    assertThat(listed.out()).contains(id).doesNotContain(key);
    Cli.Result revoked = keys("revoke", id);
    assertThat(revoked.json().get("revoked_at")).isNotNull();
    assertThat(keys("revoke", id).code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void badScopesAndGrantsAreUsageErrors() {
    assertThat(keys("create", "--scope", "root").code()).isEqualTo(ExitCodes.INVALID);
    assertThat(keys("create", "--scope", "read", "--grant", "a..b").code())
        .isEqualTo(ExitCodes.INVALID);
    assertThat(keys("create").code()).isEqualTo(ExitCodes.INVALID);
  }

  @Test
  void serveRefusesANonLoopbackAddressWithoutKeys() {
    Cli.Result result = Cli.raw(new byte[0], Map.of(), "serve", "--store", "memory:",
        "--host", "0.0.0.0", "--port", "0", "--keys-file", dir.resolve("none.json").toString());
    assertThat(result.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(result.err()).contains("without API keys");
  }

  @Test
  void serveNamesABadSettingAndItsSource() {
    Cli.Result result = Cli.raw(new byte[0], Map.of("ENGRAM_PORT", "eighty"), "serve",
        "--store", "memory:");
    assertThat(result.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(result.err()).contains("port").contains("$ENGRAM_PORT").contains("eighty");
  }
}
