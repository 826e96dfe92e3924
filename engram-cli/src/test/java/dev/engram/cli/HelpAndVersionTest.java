package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {

  private static Cli.Result run(String... args) {
    return Cli.raw(new byte[0], Map.of(), args);
  }

  @Test
  void versionPrintsTheVersion() {
    Cli.Result r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("engram ").doesNotContain("${");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpListsEveryCommand() {
    Cli.Result r = run("--help");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Usage: engram")
        .contains("put", "get", "delete", "search", "namespaces", "sweep", "index", "reindex")
        .contains("Exit codes");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"put", "get", "delete", "search", "namespaces", "sweep", "reindex"})
  void everyCommandHasHelp(String command) {
    Cli.Result r = run(command, "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: engram " + command).contains("--store");
    assertThat(r.err()).isEmpty();
    assertThat(run("help", command).out()).isEqualTo(r.out());
  }

  @Test
  void putHelpDescribesItsOptions() {
    assertThat(run("put", "-h").out()).contains("--ttl", "MINUTES", "--if-version", "JSON");
  }

  @Test
  void indexAndSearchHelpDescribeTheirOptions() {
    assertThat(run("index", "set", "--help").out()).contains("Usage: engram index set")
        .contains("--embedder", "--fields", "--store", "local", "openai:MODEL");
    assertThat(run("index", "show", "--help").out()).contains("Usage: engram index show");
    assertThat(run("search", "--help").out()).contains("--mode", "vector", "keyword", "hybrid");
  }
}
