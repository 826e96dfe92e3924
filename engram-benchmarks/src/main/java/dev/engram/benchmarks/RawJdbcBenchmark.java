package dev.engram.benchmarks;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.core.Engram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;

/**
 * The floor for the SQLite backend: plain JDBC on a file of the same schema, pragmas and data,
 * running the statements Engram runs (keyed select, upsert with version bump, filtered and
 * ordered select) with prepared statements and nothing else: no validation, no JSON parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RawJdbcBenchmark {
  private static final String GET =
      "SELECT namespace, key, value, created_at, updated_at, expires_at, version FROM items"
          + " WHERE namespace = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)";

  private static final String UPSERT =
      """
      INSERT INTO items (namespace, key, value, created_at, updated_at, expires_at, ttl_micros, \
      version) VALUES (?, ?, ?, ?, ?, NULL, NULL, 1)
      ON CONFLICT (namespace, key) DO UPDATE SET
        value = excluded.value,
        created_at = CASE WHEN items.expires_at IS NULL OR items.expires_at > excluded.updated_at
                          THEN items.created_at ELSE excluded.created_at END,
        version = CASE WHEN items.expires_at IS NULL OR items.expires_at > excluded.updated_at
                       THEN items.version + 1 ELSE 1 END,
        updated_at = excluded.updated_at, expires_at = excluded.expires_at,
        ttl_micros = excluded.ttl_micros
      RETURNING created_at, version""";

  private static final String SEARCH =
      "SELECT namespace, key, value, created_at, updated_at, expires_at, version FROM items"
          + " WHERE (expires_at IS NULL OR expires_at > ?) AND namespace = ?"
          + " AND json_extract(value, '$.group') = ? AND json_extract(value, '$.n') >= ?"
          + " ORDER BY updated_at DESC, namespace, key LIMIT ?";

  private Path dir;
  private Connection connection;
  private PreparedStatement get;
  private PreparedStatement upsert;
  private PreparedStatement search;
  private final BenchData.Cursor cursor = new BenchData.Cursor();

  /** What a row read costs at least: every column fetched, nothing interpreted. */
  public record Row(String namespace, String key, String value, long created, long updated,
      long expires, long version) {}

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    dir = Files.createTempDirectory("engram-bench-jdbc");
    Path file = dir.resolve("engram.db");
    // Engram creates the file, so the schema and indexes are the ones Engram uses.
    try (Store store = Engram.store("sqlite:" + file).backgroundSweep(false).open()) {
      for (int i = 0; i < BenchData.ITEMS; i++) {
        store.put(Namespace.of(BenchData.namespaceLabels(i)), BenchData.key(i),
            BenchData.value(i));
      }
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5000);
    connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA temp_store=MEMORY");
    }
    get = connection.prepareStatement(GET);
    upsert = connection.prepareStatement(UPSERT);
    search = connection.prepareStatement(SEARCH);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    connection.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6), rs.getLong(7));
  }

  @Benchmark
  public Row get() throws SQLException {
    int i = cursor.nextItem();
    get.setString(1, BenchData.namespaceText(i));
    get.setString(2, BenchData.key(i));
    get.setLong(3, nowMicros());
    try (ResultSet rs = get.executeQuery()) {
      return rs.next() ? row(rs) : null;
    }
  }

  @Benchmark
  public long put() throws SQLException {
    int i = cursor.nextItem();
    long now = nowMicros();
    upsert.setString(1, BenchData.namespaceText(i));
    upsert.setString(2, BenchData.key(i));
    upsert.setString(3, BenchData.valueJson(i));
    upsert.setLong(4, now);
    upsert.setLong(5, now);
    try (ResultSet rs = upsert.executeQuery()) {
      rs.next();
      return rs.getLong(2);
    }
  }

  @Benchmark
  public List<Row> filteredSearch() throws SQLException {
    search.setLong(1, nowMicros());
    search.setString(2, "bench.tenant" + BenchData.SEARCH_TENANT);
    search.setInt(3, BenchData.SEARCH_GROUP);
    search.setInt(4, 0);
    search.setInt(5, BenchData.SEARCH_LIMIT);
    List<Row> rows = new ArrayList<>(BenchData.SEARCH_LIMIT);
    try (ResultSet rs = search.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
  }
}
