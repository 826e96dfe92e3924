package dev.engram.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private redis-server on a spare loopback port, for tests that must stop, kill or reconfigure a
 * server (the shared one on 6379 is never touched that way). Started daemonized in its own
 * directory; its data there survives a restart on the same port.
 */
final class LocalRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final List<String> options;
  private final String password;

  private LocalRedis(int port, Path dir, List<String> options) {
    this.port = port;
    this.dir = dir;
    this.options = options;
    int i = options.indexOf("--requirepass");
    this.password = i >= 0 ? options.get(i + 1) : null;
  }

  /** Starts a server with the given extra options (e.g. {@code --appendonly yes}). */
  static LocalRedis start(Path dir, String... options) throws IOException, InterruptedException {
    return start(freePort(), dir, options);
  }

  static LocalRedis start(int port, Path dir, String... options)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    LocalRedis redis = new LocalRedis(port, dir, List.of(options));
    redis.launch();
    return redis;
  }

  int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  /** Starts the server again on the same port and directory (after a stop or a kill). */
  void restart() throws IOException, InterruptedException {
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "redis-server", "--port", Integer.toString(port), "--bind", RedisTests.HOST,
        "--dir", dir.toString(), "--daemonize", "yes",
        "--pidfile", dir.resolve("redis.pid").toString(),
        "--logfile", dir.resolve("redis.log").toString(), "--save", ""));
    command.addAll(options);
    run(command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!RedisTests.answersPing(port) || isLoading()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server on port " + port + " did not start; log: "
            + log());
      }
      Thread.sleep(20);
    }
  }

  private boolean isLoading() throws IOException, InterruptedException {
    return cli("info", "persistence").contains("loading:1");
  }

  /** The server's process id. */
  long pid() throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("redis.pid")).trim());
  }

  /** Kills the server at once (SIGKILL): no shutdown work, as in a crash. */
  void kill() throws IOException, InterruptedException {
    long pid = pid();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    waitUntilDown();
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  void pause() throws IOException, InterruptedException {
    run(List.of("kill", "-STOP", Long.toString(pid())));
  }

  void resume() throws IOException, InterruptedException {
    run(List.of("kill", "-CONT", Long.toString(pid())));
  }

  /** Stops the server without saving a snapshot. */
  void stop() throws IOException, InterruptedException {
    if (RedisTests.answersPing(port)) {
      cli("shutdown", "nosave");
      waitUntilDown();
    }
  }

  private void waitUntilDown() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (RedisTests.answersPing(port) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Runs redis-cli against this server and returns its output. */
  String cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", RedisTests.HOST, "-p",
        Integer.toString(port)));
    if (password != null) {
      command.addAll(List.of("-a", password, "--no-auth-warning"));
    }
    command.addAll(Arrays.asList(args));
    return run(command);
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command + " exited with " + process.exitValue() + ": "
          + text);
    }
    return text;
  }

  /**
   * A loopback port that is free, and whose cluster bus port (+10000) is free too, so a cluster
   * node can use it.
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 30000);
      if (free(port) && free(port + 10000)) {
        return port;
      }
    }
    throw new IOException("no free pair of ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(RedisTests.HOST))) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        resume();
      } catch (IllegalStateException | IOException e) {
        // not paused, or already gone
      }
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping redis-server on port " + port, e);
    }
  }
}
