package dev.engram.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.spi.StoreBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs on one file, and a JVM killed with SIGKILL in the middle of writing. */
class MultiProcessTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void concurrentProcessesAllLandTheirWrites() throws Exception {
    Path file = dir.resolve("shared/engram.db");
    int processes = 3;
    int count = 300;
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      children.add(start("burst", file.toString(), "w" + p, String.valueOf(count)));
    }
    for (Process child : children) {
      assertThat(child.waitFor(100, TimeUnit.SECONDS)).as("child finished in time").isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as("child output:%n%s", output).isZero();
      assertThat(output).contains("done");
    }
    Instant now = Instant.now();
    try (StoreBackend store = Backends.open(file)) {
      for (int p = 0; p < processes; p++) {
        for (int i = 0; i < count; i++) {
          assertThat(store.get(ChildWriter.NS, "w" + p + "-" + i, now, false)).isNotNull();
        }
      }
      assertThat(store.get(ChildWriter.NS, "shared", now, false).version())
          .isEqualTo(processes * count);
      Item counter = store.get(ChildWriter.NS, "counter", now, false);
      assertThat(counter.value().get("n")).isEqualTo(processes * count);
    }
  }

  @Test
  @Timeout(120)
  void acknowledgedPutsSurviveKillMinus9() throws Exception {
    Path file = dir.resolve("engram.db");
    Process child = start("stream", file.toString());
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 300 && (line = lines.readLine()) != null) {
        // The JVM's own warnings share the stream; acknowledgements are the bare keys.
        if (line.matches("k[0-9]+")) {
          acknowledged.add(line);
        }
      }
      // SIGKILL on Unix: no shutdown hook, no close, the put in progress is cut off.
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
    assertThat(Files.exists(file.resolveSibling("engram.db-wal"))).isTrue();
    try (StoreBackend store = Backends.open(file)) {
      Instant now = Instant.now();
      for (String key : acknowledged) {
        assertThat(store.get(ChildWriter.NS, key, now, false)).as(key).isNotNull();
      }
    }
  }

  /** Starts {@link ChildWriter} with {@code args} in a new JVM on this test's class path. */
  static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildWriter.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
