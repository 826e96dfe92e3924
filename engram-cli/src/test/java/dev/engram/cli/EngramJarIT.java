package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.spi.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a real process, as users do: {@code java -jar target/engram.jar}. */
class EngramJarIT {
  static Path jar;
  static String java;

  @TempDir Path dir;

  @BeforeAll
  static void locate() {
    jar = Path.of(System.getProperty("engram.jar", "target/engram.jar")).toAbsolutePath();
    assertThat(jar).as("the shaded jar is built before integration tests").isRegularFile();
    java = ProcessHandle.current().info().command().orElse("java");
  }

  record Run(int code, String out, String err) {
    Map<String, Object> json() {
      assertThat(out.lines().count()).as(toString()).isEqualTo(1);
      return JsonCodec.parseObject(out.strip(), "output");
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  private Run engram(String stdin, String... args) throws Exception {
    // Arguments reach Java decoded by the locale's charset: run as a user with a UTF-8 locale.
    return engram(List.of(), "C.UTF-8", stdin, args);
  }

  private Run engram(List<String> jvmOptions, String locale, String stdin, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("ENGRAM_STORE");
    builder.environment().put("LC_ALL", locale);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    CompletableFuture<String> out = readAsync(process.getInputStream());
    CompletableFuture<String> err = readAsync(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("engram finished in time").isTrue();
    return new Run(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void putGetSearchDeleteAgainstASqliteFile() throws Exception {
    String store = "sqlite:" + dir.resolve("data/engram.db");

    Run put = engram("", "put", "users.alice", "prefs", "{\"lang\":\"ü 日本 😀\"}", "--store", store);
    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(put.err()).as(put.toString()).isEmpty();
    assertThat(put.json().get("version")).isEqualTo(1);

    Run fromStdin = engram("{\"lang\":\"en\"}", "put", "users.bob", "prefs", "-", "--store", store);
    assertThat(fromStdin.code()).as(fromStdin.toString()).isZero();

    Run get = engram("", "get", "users.alice", "prefs", "--store", store);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.err()).isEmpty();
    assertThat(get.json().get("value")).isEqualTo(Map.of("lang", "ü 日本 😀"));

    Run search = engram("", "search", "users", "--filter", "{\"lang\":\"en\"}", "--store", store);
    assertThat(search.code()).as(search.toString()).isZero();
    assertThat(search.json().get("key")).isEqualTo("prefs");
    assertThat(search.json().get("namespace")).isEqualTo(List.of("users", "bob"));

    Run delete = engram("", "delete", "users.alice", "prefs", "--store", store);
    assertThat(delete.out()).isEqualTo("{\"deleted\":true}\n");

    Run gone = engram("", "get", "users.alice", "prefs", "--store", store);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.out()).isEmpty();
    assertThat(gone.err()).startsWith("engram: ");
  }

  /**
   * The default embedder, Engram's local model, found in the shaded jar through the merged service
   * files; run with the vector module as the launcher runs search commands.
   */
  @Test
  void indexWithTheLocalModelAndSearchByMeaning() throws Exception {
    String store = "sqlite:" + dir.resolve("x.db");
    List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
    engram("", "put", "facts", "cat", "{\"text\":\"The cat sleeps on the warm windowsill\"}",
        "--store", store);
    engram("", "put", "facts", "revenue", "{\"text\":\"Quarterly revenue grew in Europe\"}",
        "--store", store);

    Run set = engram(vector, "C.UTF-8", "", "index", "set", "--store", store);
    assertThat(set.code()).as(set.toString()).isZero();
    assertThat(set.json()).containsEntry("fields", List.of("$")).containsEntry("dimensions", 384);
    assertThat((String) set.json().get("embedder")).startsWith("local:");
    assertThat(set.err().lines()).as(set.toString())
        .allMatch(line -> line.startsWith("WARNING: Using incubator modules"));

    Run search = engram(vector, "C.UTF-8", "", "search", "facts", "--query",
        "where does my pet nap?", "--store", store);
    assertThat(search.code()).as(search.toString()).isZero();
    List<String> lines = search.out().lines().toList();
    assertThat(lines).hasSize(2);
    Map<String, Object> best = JsonCodec.parseObject(lines.get(0), "best");
    assertThat(best).containsEntry("key", "cat");
    assertThat(((Number) best.get("score")).doubleValue()).isBetween(0.0, 1.0);
  }

  @Test
  void outputIsUtf8WhateverThePlatformDefault() throws Exception {
    String store = "sqlite:" + dir.resolve("x.db");
    List<String> latin1 =
        List.of("-Dfile.encoding=ISO-8859-1", "-Dstdout.encoding=ISO-8859-1",
            "-Dstderr.encoding=ISO-8859-1");
    String value = "{\"text\":\"ü 日本 😀\"}";

    Run put = engram(latin1, "C", value, "put", "a", "k", "-", "--store", store);
    Run get = engram(latin1, "C", "", "get", "a", "k", "--store", store);

    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.json().get("value")).isEqualTo(Map.of("text", "ü 日本 😀"));

    Run missing = engram(latin1, "C.UTF-8", "", "get", "a", "clé", "--store", store);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("\"clé\"");
  }

  @Test
  void theDefaultStoreIsRelativeToTheWorkingDirectory() throws Exception {
    Run put = engram("", "put", "a", "k", "{}");

    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(dir.resolve("engram-data/engram.db")).isRegularFile();
  }

  @Test
  void exitCodes() throws Exception {
    String store = "sqlite:" + dir.resolve("x.db");

    Run usage = engram("", "put", "a", "k", "{}", "--nope", "--store", store);
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.out()).isEmpty();
    assertThat(usage.err()).startsWith("engram: ").contains("--nope");

    Run badJson = engram("", "put", "a", "k", "{oops", "--store", store);
    assertThat(badJson.code()).isEqualTo(2);
    assertThat(badJson.err()).startsWith("engram: ").doesNotContain("\tat ");

    engram("", "put", "a", "k", "{}", "--store", store);
    Run conflict = engram("", "put", "a", "k", "{}", "--if-version", "0", "--store", store);
    assertThat(conflict.code()).isEqualTo(3);
    assertThat(conflict.err()).startsWith("engram: ");

    Path file = Files.writeString(dir.resolve("file"), "x");
    Run backend = engram("", "get", "a", "k", "--store", "sqlite:" + file + "/sub/x.db");
    assertThat(backend.code()).as(backend.toString()).isEqualTo(4);
    assertThat(backend.err()).startsWith("engram: ").doesNotContain("\tat ");

    Run version = engram("", "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("engram ");
    assertThat(version.err()).isEmpty();
  }
}
