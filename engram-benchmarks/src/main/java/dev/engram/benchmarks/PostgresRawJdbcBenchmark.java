package dev.engram.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor for the PostgreSQL backend: plain pgjdbc on one connection, on a schema of the same
 * layout and data (Engram creates and loads it), running the statements a hand-written store
 * would: keyed select, upsert with version bump, jsonb-filtered ordered select, and a transaction
 * of upserts. Prepared statements and nothing else: no pool, no validation, no JSON parsing.
 * {@code batchPutPipelined} sends a batch's upserts in one JDBC batch (no per-row results), the
 * floor for a batch that needs no per-item answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostgresRawJdbcBenchmark {
  private static final String TABLE = PostgresBenchServer.RAW_SCHEMA + ".engram_items";

  private static final String GET =
      "SELECT namespace, key, value, created_at, updated_at, expires_at, version FROM " + TABLE
          + " WHERE namespace = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)";

  private static final String UPSERT =
      "INSERT INTO " + TABLE + " AS t (namespace, key, value, filterable, created_at, updated_at,"
          + " expires_at, ttl_micros, version) VALUES (?, ?, ?, true, ?, ?, NULL, NULL, 1)"
          + " ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value,"
          + " filterable = EXCLUDED.filterable,"
          + " created_at = CASE WHEN t.expires_at IS NULL OR t.expires_at > EXCLUDED.updated_at"
          + " THEN t.created_at ELSE EXCLUDED.created_at END,"
          + " version = CASE WHEN t.expires_at IS NULL OR t.expires_at > EXCLUDED.updated_at"
          + " THEN t.version + 1 ELSE 1 END,"
          + " updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at,"
          + " ttl_micros = EXCLUDED.ttl_micros";

  private static final String SEARCH =
      "SELECT namespace, key, value, created_at, updated_at, expires_at, version FROM " + TABLE
          + " WHERE (expires_at IS NULL OR expires_at > ?) AND namespace = ?"
          + " AND value_jsonb -> 'group' = CAST(? AS jsonb)"
          + " AND jsonb_typeof(value_jsonb -> 'n') = 'number'"
          + " AND value_jsonb -> 'n' >= CAST(? AS jsonb)"
          + " ORDER BY updated_at DESC, namespace, key LIMIT ?";

  private Connection connection;
  private PreparedStatement get;
  private PreparedStatement upsert;
  private PreparedStatement upsertNoResult;
  private PreparedStatement search;
  private final BenchData.Cursor cursor = new BenchData.Cursor();

  /** What a row read costs at least: every column fetched, nothing interpreted. */
  public record Row(String namespace, String key, String value, long created, long updated,
      long expires, long version) {}

  @Setup(Level.Trial)
  public void open() throws SQLException {
    PostgresBenchServer.freshLoadedStore(PostgresBenchServer.RAW_SCHEMA).close();
    connection = PostgresBenchServer.connect();
    get = connection.prepareStatement(GET);
    upsert = connection.prepareStatement(UPSERT + " RETURNING created_at, version");
    upsertNoResult = connection.prepareStatement(UPSERT);
    search = connection.prepareStatement(SEARCH);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
    PostgresBenchServer.dropSchema(PostgresBenchServer.RAW_SCHEMA);
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

  private long upsert(int i, long now) throws SQLException {
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
  public long put() throws SQLException {
    return upsert(cursor.nextItem(), nowMicros());
  }

  @Benchmark
  public List<Row> filteredSearch() throws SQLException {
    search.setLong(1, nowMicros());
    search.setString(2, "bench.tenant" + BenchData.SEARCH_TENANT);
    search.setString(3, Integer.toString(BenchData.SEARCH_GROUP));
    search.setString(4, "0");
    search.setInt(5, BenchData.SEARCH_LIMIT);
    List<Row> rows = new ArrayList<>(BenchData.SEARCH_LIMIT);
    try (ResultSet rs = search.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
  }

  /** One transaction of upserts, each answered with its version; the score is per put. */
  @Benchmark
  @OperationsPerInvocation(PostgresBenchServer.BATCH)
  public long batchPut() throws SQLException {
    long now = nowMicros();
    long sum = 0;
    connection.setAutoCommit(false);
    try {
      for (int n = 0; n < PostgresBenchServer.BATCH; n++) {
        sum += upsert(cursor.nextItem(), now);
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(true);
    }
    return sum;
  }

  /** The same upserts sent as one JDBC batch, without per-item results; the score is per put. */
  @Benchmark
  @OperationsPerInvocation(PostgresBenchServer.BATCH)
  public int[] batchPutPipelined() throws SQLException {
    long now = nowMicros();
    connection.setAutoCommit(false);
    try {
      for (int n = 0; n < PostgresBenchServer.BATCH; n++) {
        int i = cursor.nextItem();
        upsertNoResult.setString(1, BenchData.namespaceText(i));
        upsertNoResult.setString(2, BenchData.key(i));
        upsertNoResult.setString(3, BenchData.valueJson(i));
        upsertNoResult.setLong(4, now);
        upsertNoResult.setLong(5, now);
        upsertNoResult.addBatch();
      }
      int[] counts = upsertNoResult.executeBatch();
      connection.commit();
      return counts;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
