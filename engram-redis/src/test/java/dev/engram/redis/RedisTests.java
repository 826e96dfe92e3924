package dev.engram.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * What the Redis tests share: where the shared server is, how a missing service is reported
 * (skipped loudly on a developer machine, a failure when {@code CI=true}), unique key prefixes.
 */
final class RedisTests {
  static final String HOST = "127.0.0.1";
  static final int PORT = 6379;

  private RedisTests() {}

  /** A store URI on the shared server with a prefix of its own. */
  static String sharedUri(String prefix) {
    return "redis://" + HOST + ":" + PORT + "?prefix=" + prefix;
  }

  /** A key prefix no other test (or earlier run) uses. */
  static String uniquePrefix(String label) {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "test-" + label + "-" + HexFormat.of().formatHex(bytes);
  }

  /** Skips (or, in CI, fails) unless the shared Redis answers PING on loopback. */
  static void requireSharedServer() {
    if (!answersPing(PORT)) {
      unavailable("Redis is not reachable on " + HOST + ":" + PORT
          + " (scripts/ensure-services.sh starts it)");
    }
  }

  /** Skips (or, in CI, fails) unless redis-server and redis-cli are installed. */
  static void requireBinaries() {
    for (String binary : new String[] {"redis-server", "redis-cli"}) {
      if (!onPath(binary)) {
        unavailable(binary + " is not installed (scripts/ensure-services.sh installs it); the"
            + " Cluster and failure tests start private Redis servers with it");
      }
    }
  }

  static void unavailable(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " - required when CI=true");
    }
    System.err.println("*** SKIPPED: " + message);
    Assumptions.abort(message);
  }

  static boolean answersPing(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      // "-NOAUTH" also proves a server is there.
      return n > 0 && (reply[0] == '+' || reply[0] == '-');
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
