package dev.engram.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL 18 with pgvector 0.8, from npm: PGlite (PostgreSQL compiled to WebAssembly) behind its
 * wire-protocol server, {@code pglite-server -e @electric-sql/pglite-pgvector:vector}, on a spare
 * loopback port, in memory. The versions are pinned by the committed lock file in {@code
 * src/test/pglite}; {@code npm ci} installs them into {@code target/pglite}.
 *
 * <p>What differs from a PostgreSQL server, and how the tests live with it: the server holds one
 * session and lets one client in at a time, so a store on it has {@code poolSize=1} and only one
 * store is open at once; the session outlives its clients, named prepared statements included, so
 * the store's driver never makes any ({@code prepareThreshold=0}, otherwise the next client's
 * statement names collide). Advisory locks, {@code SET LOCAL}/{@code set_config}, savepoints and
 * {@code CREATE EXTENSION} behave as on PostgreSQL.
 *
 * <p>Without Node.js and npm, or when the server does not start, the calling tests are skipped
 * loudly on a developer machine and fail when {@code CI=true}.
 */
final class PgliteServer implements AutoCloseable {
  private static final Path SOURCES = Path.of("src/test/pglite");
  private static final Path WORK = Path.of("target/pglite");
  private static final String READY = "PGLiteSocketServer listening";
  private static final int START_SECONDS = 120;

  private static PgliteServer shared;

  private final Process process;
  private final int port;

  private PgliteServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * The server of this test run, started by the first test class that needs it and stopped when
   * the run's JVM exits, so that the classes share its start-up (several seconds).
   */
  static synchronized PgliteServer shared() {
    if (shared == null) {
      PgliteServer server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      shared = server;
    }
    return shared;
  }

  /** Installs and starts the server, or skips (fails under CI) the calling tests. */
  private static PgliteServer start() {
    try {
      Files.createDirectories(WORK);
      for (String name : List.of("package.json", "package-lock.json")) {
        Files.copy(SOURCES.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
      int port = freePort();
      Process process =
          new ProcessBuilder(
                  WORK.toAbsolutePath().resolve("node_modules/.bin/pglite-server").toString(),
                  "--port=" + port, "--host=127.0.0.1",
                  "--extensions=@electric-sql/pglite-pgvector:vector")
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      PgliteServer server = new PgliteServer(process, port);
      server.awaitReady();
      return server;
    } catch (IOException | InterruptedException | TimeoutException e) {
      TestDatabase.skipOrFail("the PGlite server with pgvector (Node.js and npm from the machine,"
          + " packages from npm) could not be started: " + e);
      throw new AssertionError("unreachable");
    }
  }

  /** A store URI for a fresh schema on this server. */
  String uri(String schema) {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres?schema=" + schema
        + "&poolSize=1&prepareThreshold=0";
  }

  /**
   * A plain connection, while no store is open on the server. The server frees the slot of a
   * client that left a moment after it left, and turns a newcomer away until then (as a pool
   * retries within its connect timeout), so this tries again for a few seconds.
   */
  Connection connect() throws SQLException, InterruptedException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("prepareThreshold", "0");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    for (int attempt = 1; ; attempt++) {
      try {
        return DriverManager.getConnection(url, props);
      } catch (SQLException e) {
        if (attempt == 50) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Waits until the server says it listens (probing the port instead would take its one client
   * slot), reading its output all along so that it never blocks on a full pipe.
   */
  private void awaitReady() throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      StringBuilder seen = new StringBuilder();
      try (BufferedReader output = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = output.readLine()) != null) {
          seen.append(line).append('\n');
          if (line.contains(READY)) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        seen.append(e);
      }
      ready.complete("pglite-server exited:\n" + seen);
    });
    String failure;
    try {
      failure = ready.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // never completed exceptionally
    } catch (TimeoutException e) {
      close();
      throw e;
    }
    if (failure != null) {
      close();
      throw new IOException(failure);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run(List<String> command, int seconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(WORK.toFile())
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes(); // ends when the process does
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in " + seconds + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue()
          + "):\n" + new String(out, StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
