package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.testkit.WordVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangGraph's own JS SDK ({@code @langchain/langgraph-sdk}, pinned by the committed lock file)
 * against a real server over an indexed store: {@code npm ci} installs it, {@code node
 * sdk-test.mjs} runs every {@code client.store} method. Without Node.js the test is skipped
 * loudly, and fails when CI=true.
 */
class LangGraphSdkIT {
  @TempDir Path dir;

  @Test
  void theLangGraphJsSdkWorksAgainstTheServer() throws Exception {
    Path work = Path.of(System.getProperty("engram.sdkWorkDir", "target/langgraph-sdk-test"));
    copySources(Path.of(System.getProperty("engram.sdkTestDir", "src/test/js")), work);
    requireNode(work);
    run(work, 600, Map.of(), "npm", "ci", "--no-audit", "--no-fund");

    ApiKeyFile keys = ApiKeyFile.at(dir.resolve("api-keys.json"));
    String alice = keys.create(EnumSet.of(Scope.WRITE),
        List.of(Namespace.of("users", "alice"), Namespace.of("docs")), "sdk").plaintext();
    String bob = keys.create(EnumSet.of(Scope.WRITE), List.of(Namespace.of("users", "bob")), null)
        .plaintext();
    try (TestServer server = new TestServer(dir)) {
      // Searches with a query need an index; the kits' word-hashing model keeps it fast.
      server.store.configureIndex(
          IndexConfig.builder().embedder(WordVectors.ID).fields("text").build(),
          ReindexProgress.NONE);
      String output = run(work, 120,
          Map.of("ENGRAM_URL", server.uri(), "ENGRAM_API_KEY", alice, "ENGRAM_OTHER_KEY", bob),
          "node", "sdk-test.mjs");
      assertThat(output).contains(" passed, 0 failed");
    }
  }

  private static void copySources(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : List.of("package.json", "package-lock.json", "sdk-test.mjs")) {
      Files.copy(from.resolve(name), to.resolve(name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void requireNode(Path work) {
    try {
      run(work, 60, Map.of(), "node", "--version");
      run(work, 60, Map.of(), "npm", "--version");
    } catch (Exception | AssertionError e) {
      String message = "Node.js and npm are needed to run LangGraph's JS SDK against the server: " + e;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message, e);
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
  }

  private static String run(Path dir, int seconds, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes(); // ends when the process does
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
    }
    String output = new String(out, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(process.exitValue()).as("%s exited with output:%n%s", String.join(" ", command), output)
        .isZero();
    return output;
  }
}
