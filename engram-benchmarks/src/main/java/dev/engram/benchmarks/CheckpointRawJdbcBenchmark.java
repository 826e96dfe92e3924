package dev.engram.benchmarks;

import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.core.Engram;
import dev.engram.spi.JsonCodec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;

/**
 * The floor of {@link CheckpointBenchmark} on the SQL backends: plain JDBC on one connection, on
 * tables Engram created and loaded with the same data set, running the statements Engram's backend
 * runs for a put and for reading the latest tuple with a TTL refresh, in the same transactions.
 * Prepared statements and nothing else: no validation, no JSON encoding or parsing (the state and
 * metadata are bound as ready JSON text and read back as text), no pool. On PostgreSQL the blobs
 * and writes of the one checkpoint are read by key, where the backend's shared tuple reader takes
 * arrays of keys (it serves listings too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CheckpointRawJdbcBenchmark {
  private static final long TTL_MICROS = Duration.ofMinutes(60).toNanos() / 1000;

  @Param({"sqlite", "postgresql"})
  public String backend;

  /** What a tuple read costs at least: every column fetched, nothing interpreted. */
  public record RawTuple(String ns, String id, String parent, long ts, String state,
      String metadata, List<Object> blobs, List<Object> writes) {}

  private ShortTermBench.Site site;
  private CheckpointStore maintenance;
  private Connection connection;
  private Sql sql;
  private boolean pg;
  private PreparedStatement begin;
  private PreparedStatement beginRead;
  private PreparedStatement commit;
  private PreparedStatement rollback;
  private PreparedStatement prepareThread;
  private PreparedStatement upsertThread;
  private PreparedStatement upsertCheckpoint;
  private PreparedStatement deleteBlobs;
  private PreparedStatement insertBlob;
  private PreparedStatement live;
  private PreparedStatement latestOf;
  private PreparedStatement blobs;
  private PreparedStatement writes;
  private PreparedStatement refresh;
  private String[] latest;
  private final List<String> threads = ShortTermBench.threadIds();
  private final String[] states = new String[16];
  private final String[] metadata = new String[16];
  private final byte[] blob = ShortTermBench.blob().data();
  private final ShortTermBench.Ids ids = new ShortTermBench.Ids();
  private int next;
  private int step;
  private boolean wrote;

  /**
   * The statements of one backend's checkpoint tables, as its backend runs them. {@code
   * prepareThread} comes first in a put (SQLite reads the thread's expiry, PostgreSQL deletes the
   * thread if expired); {@code live} is null where {@code latest} checks the thread itself.
   */
  record Sql(String beginWrite, String beginRead, String prepareThread, String upsertThread,
      String upsertCheckpoint, String deleteBlobs, String insertBlob, String live, String latest,
      String blobs, String writes, String refresh) {}

  /** Engram's SQLite backend (engram-sqlite CheckpointSql, SqliteCheckpointBackend). */
  static final Sql SQLITE = new Sql(
      "BEGIN IMMEDIATE",
      "BEGIN",
      "SELECT expires_at FROM checkpoint_threads WHERE thread_id = ?",
      "INSERT INTO checkpoint_threads (thread_id, expires_at, ttl_micros) VALUES (?, ?, ?)"
          + " ON CONFLICT (thread_id) DO UPDATE SET expires_at = excluded.expires_at,"
          + " ttl_micros = excluded.ttl_micros",
      "INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_id, ts, state,"
          + " metadata) VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id) DO UPDATE SET"
          + " parent_id = excluded.parent_id, ts = excluded.ts, state = excluded.state,"
          + " metadata = excluded.metadata",
      "DELETE FROM checkpoint_blobs WHERE thread_id = ? AND checkpoint_ns = ?"
          + " AND checkpoint_id = ?",
      "INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, checkpoint_id, name, type, data)"
          + " VALUES (?, ?, ?, ?, ?, ?)",
      "SELECT ttl_micros FROM checkpoint_threads WHERE thread_id = ?"
          + " AND (expires_at IS NULL OR expires_at > ?)",
      "SELECT checkpoint_ns, checkpoint_id, parent_id, ts, state, metadata FROM checkpoints"
          + " WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1",
      "SELECT name, type, data FROM checkpoint_blobs WHERE thread_id = ? AND checkpoint_ns = ?"
          + " AND checkpoint_id = ? ORDER BY name",
      "SELECT task_id, task_path, channel, type, data FROM checkpoint_writes WHERE thread_id = ?"
          + " AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY task_path, task_id, idx",
      "UPDATE checkpoint_threads SET expires_at = ? + ttl_micros WHERE thread_id = ?"
          + " AND ttl_micros IS NOT NULL AND (expires_at IS NULL OR expires_at > ?)");

  /** Engram's PostgreSQL backend (engram-postgres CheckpointSql, PostgresCheckpointBackend). */
  static Sql postgres(String schema) {
    String threads = schema + ".engram_checkpoint_threads";
    String checkpoints = schema + ".engram_checkpoints";
    String one = " WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?";
    return new Sql(
        null, // BEGIN goes out with the first statement (autocommit off)
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        "DELETE FROM " + threads + " WHERE thread_id = ? AND expires_at <= ?",
        "INSERT INTO " + threads + " (thread_id, expires_at, ttl_micros) VALUES (?, ?, ?)"
            + " ON CONFLICT (thread_id) DO UPDATE SET expires_at = EXCLUDED.expires_at,"
            + " ttl_micros = EXCLUDED.ttl_micros",
        "INSERT INTO " + checkpoints + " (thread_id, checkpoint_ns, checkpoint_id, parent_id, ts,"
            + " state, metadata, metadata_jsonb) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id) DO UPDATE SET"
            + " parent_id = EXCLUDED.parent_id, ts = EXCLUDED.ts, state = EXCLUDED.state,"
            + " metadata = EXCLUDED.metadata, metadata_jsonb = EXCLUDED.metadata_jsonb",
        "DELETE FROM " + schema + ".engram_checkpoint_blobs" + one,
        "INSERT INTO " + schema + ".engram_checkpoint_blobs (thread_id, checkpoint_ns,"
            + " checkpoint_id, name, type, data) VALUES (?, ?, ?, ?, ?, ?)",
        null,
        "SELECT checkpoint_ns, checkpoint_id, parent_id, ts, state, metadata FROM " + checkpoints
            + " c WHERE thread_id = ? AND checkpoint_ns = ? AND EXISTS (SELECT 1 FROM " + threads
            + " t WHERE t.thread_id = c.thread_id AND (t.expires_at IS NULL OR t.expires_at > ?))"
            + " ORDER BY checkpoint_id DESC LIMIT 1",
        "SELECT name, type, data FROM " + schema + ".engram_checkpoint_blobs" + one
            + " ORDER BY name",
        "SELECT task_id, task_path, channel, type, data FROM " + schema
            + ".engram_checkpoint_writes" + one + " ORDER BY task_path, task_id, idx",
        "UPDATE " + threads + " SET expires_at = ? + ttl_micros WHERE thread_id = ?"
            + " AND ttl_micros IS NOT NULL AND expires_at > ?");
  }

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    site = ShortTermBench.Site.create(backend, "cpraw");
    // Engram creates and loads the tables, so layout, indexes and data are the ones it uses; it
    // also prunes between iterations, outside the measured time.
    maintenance = site.open("checkpoint", uri -> Engram.checkpoints(uri)
        .defaultTtl(Duration.ofMinutes(60)).backgroundSweep(false).open());
    latest = ShortTermBench.loadCheckpoints(maintenance);
    for (int i = 0; i < states.length; i++) {
      states[i] = JsonCodec.toJson(ShortTermBench.checkpointState(ShortTermBench.HISTORY + i));
      metadata[i] =
          JsonCodec.toJson(ShortTermBench.checkpointMetadata(ShortTermBench.HISTORY + i));
    }
    switch (backend) {
      case "sqlite" -> {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        connection = config.createConnection("jdbc:sqlite:" + site.sqliteFile());
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("PRAGMA temp_store=MEMORY");
        }
        sql = SQLITE;
      }
      case "postgresql" -> {
        connection = PostgresBenchServer.connect();
        connection.setAutoCommit(false);
        sql = postgres(site.label());
        pg = true;
      }
      default -> throw new IllegalArgumentException("no raw floor for " + backend);
    }
    if (!pg) {
      begin = connection.prepareStatement(sql.beginWrite());
      commit = connection.prepareStatement("COMMIT");
      rollback = connection.prepareStatement("ROLLBACK");
      live = connection.prepareStatement(sql.live());
    }
    beginRead = connection.prepareStatement(sql.beginRead());
    prepareThread = connection.prepareStatement(sql.prepareThread());
    upsertThread = connection.prepareStatement(sql.upsertThread());
    upsertCheckpoint = connection.prepareStatement(sql.upsertCheckpoint());
    deleteBlobs = connection.prepareStatement(sql.deleteBlobs());
    insertBlob = connection.prepareStatement(sql.insertBlob());
    latestOf = connection.prepareStatement(sql.latest());
    blobs = connection.prepareStatement(sql.blobs());
    writes = connection.prepareStatement(sql.writes());
    refresh = connection.prepareStatement(sql.refresh());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    try {
      connection.close();
      maintenance.close();
    } finally {
      site.close();
    }
  }

  @TearDown(Level.Iteration)
  public void prune() {
    if (wrote) {
      maintenance.prune(threads, PruneStrategy.KEEP_LATEST);
      wrote = false;
    }
  }

  private String nextThread() {
    String t = threads.get(next);
    next = next + 1 == threads.size() ? 0 : next + 1;
    return t;
  }

  private static void bindCheckpoint(PreparedStatement ps, String thread, String ns, String id)
      throws SQLException {
    ps.setString(1, thread);
    ps.setString(2, ns);
    ps.setString(3, id);
  }

  /** One transaction: the thread's expiry read and renewed, the checkpoint and its blob written. */
  @Benchmark
  public String put() throws SQLException {
    wrote = true;
    int t = next;
    String thread = nextThread();
    int i = step++ & 15;
    String id = ids.next();
    long now = ShortTermBench.nowMicros();
    beginWrite();
    try {
      prepareThread.setString(1, thread);
      if (pg) {
        prepareThread.setLong(2, now);
        prepareThread.executeUpdate();
      } else {
        try (ResultSet rs = prepareThread.executeQuery()) {
          rs.next();
        }
      }
      upsertThread.setString(1, thread);
      upsertThread.setLong(2, now + TTL_MICROS);
      upsertThread.setLong(3, TTL_MICROS);
      upsertThread.executeUpdate();
      bindCheckpoint(upsertCheckpoint, thread, "", id);
      upsertCheckpoint.setString(4, latest[t]);
      upsertCheckpoint.setLong(5, now);
      upsertCheckpoint.setString(6, states[i]);
      upsertCheckpoint.setString(7, metadata[i]);
      if (pg) {
        upsertCheckpoint.setString(8, metadata[i]);
      }
      upsertCheckpoint.executeUpdate();
      bindCheckpoint(deleteBlobs, thread, "", id);
      deleteBlobs.executeUpdate();
      bindCheckpoint(insertBlob, thread, "", id);
      insertBlob.setString(4, "messages");
      insertBlob.setString(5, "msgpack");
      insertBlob.setBytes(6, blob);
      insertBlob.executeUpdate();
      commit();
    } catch (SQLException | RuntimeException e) {
      rollback();
      throw e;
    }
    latest[t] = id;
    return id;
  }

  /** One read transaction (thread live, latest row, blobs, writes), then the TTL refresh. */
  @Benchmark
  public RawTuple getTuple() throws SQLException {
    String thread = nextThread();
    long now = ShortTermBench.nowMicros();
    RawTuple tuple = null;
    beginRead.execute();
    try {
      boolean visible = true;
      if (!pg) {
        live.setString(1, thread);
        live.setLong(2, now);
        try (ResultSet rs = live.executeQuery()) {
          visible = rs.next();
        }
      }
      if (visible) {
        latestOf.setString(1, thread);
        latestOf.setString(2, "");
        if (pg) {
          latestOf.setLong(3, now);
        }
        try (ResultSet rs = latestOf.executeQuery()) {
          if (rs.next()) {
            String ns = rs.getString(1);
            String id = rs.getString(2);
            tuple = new RawTuple(ns, id, rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rows(blobs, thread, ns, id, 3), rows(writes, thread, ns, id, 5));
          }
        }
      }
      commit();
    } catch (SQLException | RuntimeException e) {
      rollback();
      throw e;
    }
    refresh.setLong(1, now);
    refresh.setString(2, thread);
    refresh.setLong(3, now);
    refresh.executeUpdate();
    if (pg) {
      connection.commit();
    }
    return tuple;
  }

  private void beginWrite() throws SQLException {
    if (!pg) {
      begin.execute(); // PostgreSQL: autocommit is off, BEGIN goes with the first statement
    }
  }

  private void commit() throws SQLException {
    if (pg) {
      connection.commit();
    } else {
      commit.execute();
    }
  }

  private void rollback() throws SQLException {
    if (pg) {
      connection.rollback();
    } else {
      rollback.execute();
    }
  }

  /** The rows of a blob or write query, every column fetched as a string or bytes. */
  private static List<Object> rows(PreparedStatement ps, String thread, String ns, String id,
      int columns) throws SQLException {
    bindCheckpoint(ps, thread, ns, id);
    List<Object> rows = new ArrayList<>(2);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        for (int c = 1; c < columns; c++) {
          rows.add(rs.getString(c));
        }
        rows.add(rs.getBytes(columns));
      }
    }
    return rows;
  }
}
