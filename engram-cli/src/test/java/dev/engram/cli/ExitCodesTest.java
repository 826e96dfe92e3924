package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExitCodesTest {
  @TempDir Path dir;

  private static void assertInvalid(Cli.Result r, String... mentions) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.err()).startsWith("engram: ").doesNotContain("\tat ");
    for (String mention : mentions) {
      assertThat(r.err()).contains(mention);
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertInvalid(Cli.memory().run("put", "a", "k", "{}", "--colour", "red"), "--colour");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertInvalid(Cli.memory().run("fetch", "a", "k"), "fetch");
  }

  @Test
  void missingAndSurplusParametersAreUsageErrors() {
    assertInvalid(Cli.memory().run("put", "a", "k"), "JSON");
    assertInvalid(Cli.memory().run("get", "a"), "KEY");
    assertInvalid(Cli.memory().run("delete", "a", "k", "extra"), "extra");
  }

  @Test
  void noCommandIsAUsageError() {
    assertInvalid(Cli.raw(new byte[0], Map.of()), "command");
  }

  @Test
  void malformedNumbersAreUsageErrors() {
    assertInvalid(Cli.memory().run("put", "a", "k", "{}", "--if-version", "one"), "--if-version");
    assertInvalid(Cli.memory().run("namespaces", "--max-depth", "x"), "--max-depth");
  }

  @Test
  void negativeIfVersionIsInvalid() {
    assertInvalid(Cli.memory().run("put", "a", "k", "{}", "--if-version", "-1"), "ifVersion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "-0.5", "abc", "NaN", "Infinity", "1e400000"})
  void badTtlIsInvalid(String ttl) {
    assertInvalid(Cli.memory().run("put", "a", "k", "{}", "--ttl", ttl), "--ttl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":}", "not json", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}"})
  void badJsonIsInvalid(String json) {
    assertInvalid(Cli.memory().run("put", "a", "k", json), "value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null"})
  void aValueThatIsNotAnObjectIsInvalid(String json) {
    assertInvalid(Cli.memory().run("put", "a", "k", json), "object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a..b", ".a", "a.", ""})
  void badNamespacesAreInvalid(String ns) {
    assertInvalid(Cli.memory().run("put", ns, "k", "{}"), "namespace");
    assertInvalid(Cli.memory().run("get", ns, "k"), "namespace");
    assertInvalid(Cli.memory().run("delete", ns, "k"), "namespace");
  }

  @Test
  void theReservedNamespaceIsInvalid() {
    assertInvalid(Cli.memory().run("put", "langgraph.x", "k", "{}"), "langgraph");
  }

  @Test
  void anEmptyKeyIsInvalid() {
    assertInvalid(Cli.memory().run("put", "a", "", "{}"), "key");
  }

  @Test
  void unknownStoreSchemeIsInvalid() {
    assertInvalid(Cli.bare().run("get", "a", "k", "--store", "mongodb://localhost/x"), "mongodb");
  }

  @Test
  void malformedStoreUriIsInvalid() {
    assertInvalid(Cli.bare().run("get", "a", "k", "--store", "no-scheme"), "no-scheme");
    assertInvalid(Cli.bare().env("ENGRAM_STORE", "nope:x").run("get", "a", "k"), "nope");
  }

  @Test
  void unsupportedFeatureIsInvalid() {
    assertInvalid(Cli.memory().run("search", "--query", "cats"), "query");
  }

  @Test
  void anUnusableSqliteFileIsABackendError() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

    Cli.Result r = Cli.bare().run("put", "a", "k", "{}", "--store", "sqlite:" + file + "/x.db");

    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("engram: ").doesNotContain("\tat ");
  }

  @Test
  void aFileThatIsNotADatabaseIsABackendError() throws IOException {
    Path file = Files.writeString(dir.resolve("garbage.db"), "this is not SQLite ".repeat(100));

    Cli.Result r = Cli.bare().run("get", "a", "k", "--store", "sqlite:" + file);

    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("engram: ").doesNotContain("\tat ");
  }

  @Test
  void codesOfEachErrorType() {
    assertThat(ExitCodes.codeFor(new dev.engram.InvalidInputException("x"))).isEqualTo(2);
    assertThat(ExitCodes.codeFor(new dev.engram.ValueTooLargeException("v", 3, 2))).isEqualTo(2);
    assertThat(ExitCodes.codeFor(new dev.engram.UnsupportedFeatureException("x"))).isEqualTo(2);
    assertThat(ExitCodes.codeFor(new dev.engram.VersionConflictException("a/k", 1, 2L)))
        .isEqualTo(3);
    assertThat(ExitCodes.codeFor(new dev.engram.ReindexRequiredException("x"))).isEqualTo(3);
    assertThat(ExitCodes.codeFor(new dev.engram.NotFoundException("x"))).isEqualTo(1);
    assertThat(ExitCodes.codeFor(new dev.engram.BackendUnavailableException("x"))).isEqualTo(4);
    assertThat(ExitCodes.codeFor(new dev.engram.EngramException("x"))).isEqualTo(4);
    assertThat(ExitCodes.codeFor(new IllegalStateException("x"))).isEqualTo(4);
  }
}
