package dev.engram.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PostgreSQL server of the test's own, on a spare loopback port, for tests that stop
 * and start the server (the shared one on 5432 must keep running for everyone else). Made with the
 * machine's {@code initdb} and {@code pg_ctl}; when the tests run as root, which PostgreSQL refuses,
 * the server runs as the {@code postgres} operating-system user.
 */
final class PrivatePostgres implements AutoCloseable {
  private final Path binDir;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private PrivatePostgres(Path binDir, Path dir, int port, boolean asPostgresUser) {
    this.binDir = binDir;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /**
   * Creates and starts a server; skips the test (or fails it under CI) when the PostgreSQL server
   * binaries are not installed.
   */
  static PrivatePostgres start() throws IOException, InterruptedException {
    Path binDir = findBinDir();
    if (binDir == null) {
      TestDatabase.skipOrFail(
          "no PostgreSQL server binaries (initdb, pg_ctl) on this machine; install the"
              + " distribution's postgresql package (scripts/ensure-services.sh does)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("engram-pg-");
    PrivatePostgres pg = new PrivatePostgres(binDir, dir, freePort(), root);
    try {
      if (root) {
        pg.run(List.of("chown", "postgres", dir.toString()), false);
      }
      pg.run(List.of(binDir.resolve("initdb").toString(), "-D", pg.data.toString(), "-U",
          "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync",
          "--no-instructions"), root);
      Files.writeString(pg.data.resolve("postgresql.conf"),
          "\nport = " + pg.port + "\nlisten_addresses = '127.0.0.1'\n"
              + "unix_socket_directories = ''\nmax_connections = 30\nshared_buffers = 16MB\n",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      pg.startServer();
      return pg;
    } catch (IOException | InterruptedException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** Starts the server and waits until it accepts connections (after crash recovery, if any). */
  void startServer() throws IOException, InterruptedException {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), asPostgresUser);
  }

  /** Kills the server the way a crash would: no checkpoint, connections cut at once. */
  void stopImmediately() throws IOException, InterruptedException {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
        "-w", "stop"), asPostgresUser);
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        stopImmediately();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("could not stop the private PostgreSQL in " + dir + ": " + e);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  private void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process =
        new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
    // Read the output while waiting, so a chatty command never blocks on a full pipe.
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + full);
    }
    if (process.exitValue() != 0) {
      String log = "";
      Path serverLog = dir.resolve("server.log");
      if (Files.exists(serverLog)) {
        log = "\nserver log:\n" + Files.readString(serverLog);
      }
      throw new IOException("failed (exit " + process.exitValue() + "): " + full + "\n"
          + new String(output, StandardCharsets.UTF_8) + log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Where initdb and pg_ctl are: pg_config's answer, the PATH, or Debian's versioned folders. */
  private static @Nullable Path findBinDir() {
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0 && hasServerTools(Path.of(out))) {
        return Path.of(out);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // not installed: look elsewhere
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty() && hasServerTools(Path.of(entry))) {
        return Path.of(entry);
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      String[] versions = debian.toFile().list();
      if (versions != null) {
        Arrays.sort(versions, Comparator.comparingInt(PrivatePostgres::major).reversed());
        for (String version : versions) {
          Path bin = debian.resolve(version).resolve("bin");
          if (hasServerTools(bin)) {
            return bin;
          }
        }
      }
    }
    return null;
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean hasServerTools(Path dir) {
    return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
  }
}
