package dev.engram.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server the tests use: the one on this machine's loopback (user {@code postgres}
 * without password, database {@code test}), each test in schemas of its own. When the server
 * cannot be reached the tests are skipped with a loud message on a developer machine and fail when
 * {@code CI=true}, so a CI run never passes by skipping.
 */
final class TestDatabase {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String DATABASE = "test";
  static final String USER = "postgres";
  static final String BASE_URI = "postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + DATABASE;

  private static volatile String unreachable;
  private static volatile boolean checked;

  private TestDatabase() {}

  /** Skips the calling test (developer machine) or fails it (CI) when the server is down. */
  static void requireServer() {
    if (!checked) {
      synchronized (TestDatabase.class) {
        if (!checked) {
          try (Connection c = connect()) {
            c.isValid(2);
          } catch (SQLException e) {
            unreachable = e.getMessage();
          }
          checked = true;
        }
      }
    }
    if (unreachable != null) {
      skipOrFail(
          "PostgreSQL on " + HOST + ":" + PORT + " (user " + USER + ", database " + DATABASE
              + ") is unreachable: " + unreachable
              + ". Start it with scripts/ensure-services.sh.");
    }
  }

  /** Skips with a loud message, or fails when running in CI, where nothing may be skipped. */
  static void skipOrFail(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true: failing instead of skipping)");
    }
    System.err.println("*** SKIPPED PostgreSQL tests: " + reason);
    Assumptions.abort(reason);
  }

  static Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, props);
  }

  /** The store URI for a schema of the test server, plus extra parameters such as "poolSize=2". */
  static String uri(String schema, String... params) {
    StringBuilder uri = new StringBuilder(BASE_URI).append("?schema=").append(schema);
    for (String param : params) {
      uri.append('&').append(param);
    }
    return uri.toString();
  }

  /** Schemas made for one test class, all dropped by {@link #dropAll()}. */
  static final class Schemas implements BeforeAllCallback, AfterAllCallback {
    private final List<String> made = new ArrayList<>();

    /** A new schema name, unique across runs and concurrent builds; nothing is created yet. */
    synchronized String fresh() {
      byte[] random = new byte[6];
      ThreadLocalRandom.current().nextBytes(random);
      String name = "engram_t_" + HexFormat.of().formatHex(random);
      made.add(name);
      return name;
    }

    /** As a class's {@code @RegisterExtension}: skips it (fails it in CI) without a server. */
    @Override
    public void beforeAll(ExtensionContext context) {
      requireServer();
    }

    /** As a class's {@code @RegisterExtension}: drops every schema the class made. */
    @Override
    public void afterAll(ExtensionContext context) {
      dropAll();
    }

    synchronized void dropAll() {
      if (made.isEmpty() || unreachable != null) {
        return;
      }
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        for (String schema : made) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop the test schemas " + made, e);
      }
      made.clear();
    }
  }
}
