package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.engram.BackendUnavailableException;
import dev.engram.NamespaceQuery;
import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.testkit.MigrationStores;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram migrate} between backends, all three kinds: SQLite to PostgreSQL, then PostgreSQL to
 * Redis, each copy checked by counts and samples against the data set first written. Runs against
 * the PostgreSQL and Redis servers on loopback, in a schema and a key prefix of its own.
 */
class CrossBackendMigrationTest {
  private static final String RUN =
      HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String SCHEMA = "engram_migrate_" + RUN;
  private static final String PREFIX = "engram-migrate-" + RUN;
  private static final String POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/test";
  private static final String POSTGRES = POSTGRES_SERVER + "?schema=" + SCHEMA;
  private static final String REDIS_SERVER = "redis://127.0.0.1:6379";
  private static final String REDIS = REDIS_SERVER + "?prefix=" + PREFIX;

  @TempDir Path dir;

  @BeforeAll
  static void serversAreUp() {
    requireReachable(POSTGRES);
    requireReachable(REDIS);
  }

  /** Skips loudly on a developer machine, fails in CI, when a server is down. */
  private static void requireReachable(String uri) {
    try (Store store = Engram.store(uri).backgroundSweep(false).open()) {
      store.listNamespaces(NamespaceQuery.all());
    } catch (BackendUnavailableException e) {
      String reason = uri + " is unreachable (" + e.getMessage()
          + "); start it with scripts/ensure-services.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + " (CI=true: failing instead of skipping)");
      }
      Assumptions.abort(reason);
    }
  }

  @AfterAll
  static void removeWhatTheRunWrote() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
            "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    RedisClient client = RedisClient.create(REDIS_SERVER);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            redis.scan(cursor, ScanArgs.Builder.matches("*" + PREFIX + "*").limit(500));
        if (!page.getKeys().isEmpty()) {
          redis.del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }

  @Test
  void sqliteToPostgresToRedisKeepsEveryKind() {
    String sqlite = MigrationStores.seeded("sqlite:" + dir.resolve("source.db"));

    migrate(sqlite, POSTGRES);
    MigrationStores.verifyCopy(sqlite, POSTGRES);

    migrate(POSTGRES, REDIS);
    MigrationStores.verifyCopy(sqlite, REDIS);
  }

  private static void migrate(String from, String to) {
    Cli.Result result = Cli.raw(new byte[0], Map.of(), "migrate", "--from", from, "--to", to);
    assertThat(result.code()).as(result.err()).isZero();
  }
}
