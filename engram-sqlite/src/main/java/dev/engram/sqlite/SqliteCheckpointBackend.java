package dev.engram.sqlite;

import static dev.engram.sqlite.ItemRows.micros;

import dev.engram.BackendUnavailableException;
import dev.engram.NotFoundException;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.StoredCheckpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on one SQLite file. Writes are {@code BEGIN IMMEDIATE} transactions on the writer;
 * reads of a tuple (row, blobs, writes) run in one read transaction on a reader, and a refreshing
 * read renews the thread's expiry with one statement on the writer afterwards.
 */
final class SqliteCheckpointBackend implements CheckpointBackend {
  private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointBackend.class);

  private final String name;
  private final ConnectionPool pool;

  SqliteCheckpointBackend(SqliteSettings settings) {
    this.name = settings.storeName();
    this.pool = SqliteDatabase.open(settings, "checkpoints");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void put(StoredCheckpoint cp, @Nullable Duration ttl, Instant now) {
    try {
      pool.transaction(c -> {
        writableThread(c, cp.threadId(), ttl, micros(now));
        PreparedStatement ps = c.prepare(CheckpointSql.UPSERT_CHECKPOINT);
        CheckpointRows.bindCheckpoint(ps, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
        ps.setString(4, cp.parentId());
        ps.setLong(5, micros(cp.ts()));
        ps.setString(6, cp.state().json());
        ps.setString(7, cp.metadata().json());
        ps.executeUpdate();
        PreparedStatement clear = c.prepare(CheckpointSql.DELETE_BLOBS_OF);
        CheckpointRows.bindCheckpoint(clear, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
        clear.executeUpdate();
        PreparedStatement blob = c.prepare(CheckpointSql.INSERT_BLOB);
        for (Map.Entry<String, TypedValue> e : cp.blobs().entrySet()) {
          CheckpointRows.bindCheckpoint(blob, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
          blob.setString(4, e.getKey());
          blob.setString(5, e.getValue().type());
          blob.setBytes(6, e.getValue().data());
          blob.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("put of checkpoint \"" + cp.checkpointId() + "\" in thread \""
          + cp.threadId() + "\"", e);
    }
  }

  /**
   * Makes the thread ready for a write: an expired thread is emptied first; the thread row gets
   * the TTL and an expiry from now.
   */
  private static void writableThread(
      SqliteConnection c, String threadId, @Nullable Duration ttl, long nowMicros)
      throws SQLException {
    PreparedStatement expiry = c.prepare(CheckpointSql.THREAD_EXPIRY);
    expiry.setString(1, threadId);
    boolean expired;
    try (ResultSet rs = expiry.executeQuery()) {
      expired = rs.next() && !ConversationRows.visible(ConversationRows.getLong(rs, 1), nowMicros);
    }
    if (expired) {
      purge(c, threadId);
    }
    Long ttlMicros = ItemRows.micros(ttl);
    PreparedStatement ps = c.prepare(CheckpointSql.UPSERT_THREAD);
    ps.setString(1, threadId);
    ConversationRows.setLong(ps, 2, ConversationRows.expiry(nowMicros, ttlMicros));
    ConversationRows.setLong(ps, 3, ttlMicros);
    ps.executeUpdate();
  }

  private static void purge(SqliteConnection c, String threadId) throws SQLException {
    for (String sql : CheckpointSql.PURGE) {
      PreparedStatement ps = c.prepare(sql);
      ps.setString(1, threadId);
      ps.executeUpdate();
    }
  }

  /** Whether the thread is visible. */
  private static boolean live(SqliteConnection c, String threadId, long nowMicros)
      throws SQLException {
    PreparedStatement ps = c.prepare(CheckpointSql.THREAD_TTL_IF_LIVE);
    ps.setString(1, threadId);
    ps.setLong(2, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  @Override
  public void putWrites(
      String threadId, String checkpointNs, String checkpointId, String taskId, String taskPath,
      List<IndexedWrite> writes, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    try {
      pool.transaction(c -> {
        PreparedStatement exists = c.prepare(CheckpointSql.CHECKPOINT_EXISTS);
        CheckpointRows.bindCheckpoint(exists, threadId, checkpointNs, checkpointId);
        boolean found;
        try (ResultSet rs = exists.executeQuery()) {
          found = rs.next();
        }
        if (!found || !live(c, threadId, nowMicros)) {
          throw new NotFoundException(
              "no checkpoint \"" + checkpointId + "\" in thread \"" + threadId + "\", namespace \""
                  + checkpointNs + "\" of " + name);
        }
        for (IndexedWrite w : writes) {
          PreparedStatement ps =
              c.prepare(w.upserts() ? CheckpointSql.UPSERT_WRITE : CheckpointSql.INSERT_WRITE);
          CheckpointRows.bindCheckpoint(ps, threadId, checkpointNs, checkpointId);
          ps.setString(4, taskId);
          ps.setInt(5, w.idx());
          ps.setString(6, taskPath);
          ps.setString(7, w.channel());
          ps.setString(8, w.value().type());
          ps.setBytes(9, w.value().data());
          ps.executeUpdate();
        }
        writableThread(c, threadId, ttl, nowMicros);
        return null;
      });
    } catch (SQLException e) {
      throw failure("writes of task \"" + taskId + "\" to checkpoint \"" + checkpointId
          + "\" in thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public @Nullable CheckpointTuple get(
      String threadId, String checkpointNs, @Nullable String checkpointId, Instant now,
      boolean refreshTtl) {
    long nowMicros = micros(now);
    try {
      CheckpointTuple tuple = pool.readSnapshot(c -> {
        if (!live(c, threadId, nowMicros)) {
          return null;
        }
        PreparedStatement ps =
            c.prepare(checkpointId == null ? CheckpointSql.LATEST : CheckpointSql.BY_ID);
        ps.setString(1, threadId);
        ps.setString(2, checkpointNs);
        if (checkpointId != null) {
          ps.setString(3, checkpointId);
        }
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? CheckpointRows.tuple(c, threadId, rs) : null;
        }
      });
      if (refreshTtl) {
        refresh(threadId, nowMicros);
      }
      return tuple;
    } catch (SQLException e) {
      throw failure("read of thread \"" + threadId + "\"", e);
    }
  }

  /** Renews a visible thread's expiry from now, if it has a TTL. */
  private void refresh(String threadId, long nowMicros) throws SQLException {
    pool.write(c -> {
      PreparedStatement ps = c.prepare(CheckpointSql.REFRESH_THREAD);
      ps.setLong(1, nowMicros);
      ps.setString(2, threadId);
      ps.setLong(3, nowMicros);
      return ps.executeUpdate();
    });
  }

  @Override
  public List<CheckpointTuple> list(CheckpointListing q) {
    long nowMicros = micros(q.now());
    try {
      List<CheckpointTuple> tuples = pool.readSnapshot(c -> {
        if (!live(c, q.threadId(), nowMicros)) {
          return List.of();
        }
        return new CheckpointListingQuery(c, q, log, name).run();
      });
      if (q.refreshTtl()) {
        refresh(q.threadId(), nowMicros);
      }
      return tuples;
    } catch (SQLException e) {
      throw failure("listing of thread \"" + q.threadId() + "\"", e);
    }
  }

  @Override
  public boolean deleteThread(String threadId, Instant now) {
    try {
      return pool.transaction(c -> {
        boolean visible = live(c, threadId, micros(now));
        purge(c, threadId);
        return visible;
      });
    } catch (SQLException e) {
      throw failure("delete of thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public long copyThread(String from, String to, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    try {
      return pool.transaction(c -> {
        if (!live(c, from, nowMicros)) {
          return 0L;
        }
        writableThread(c, to, ttl, nowMicros);
        // Blobs and writes first: they copy only for checkpoints the target does not have yet.
        copyInto(c, CheckpointSql.COPY_BLOBS, from, to);
        copyInto(c, CheckpointSql.COPY_WRITES, from, to);
        return (long) copyInto(c, CheckpointSql.COPY_CHECKPOINTS, from, to);
      });
    } catch (SQLException e) {
      throw failure("copy of thread \"" + from + "\" to \"" + to + "\"", e);
    }
  }

  private static int copyInto(SqliteConnection c, String sql, String from, String to)
      throws SQLException {
    PreparedStatement ps = c.prepare(sql);
    ps.setString(1, to);
    ps.setString(2, from);
    ps.setString(3, to);
    return ps.executeUpdate();
  }

  @Override
  public long prune(String threadId, PruneStrategy strategy, Instant now) {
    try {
      return pool.transaction(c -> {
        if (!live(c, threadId, micros(now))) {
          return 0L;
        }
        if (strategy == PruneStrategy.DELETE) {
          PreparedStatement count = c.prepare(CheckpointSql.COUNT_CHECKPOINTS_OF);
          count.setString(1, threadId);
          long checkpoints;
          try (ResultSet rs = count.executeQuery()) {
            checkpoints = rs.next() ? rs.getLong(1) : 0;
          }
          purge(c, threadId);
          return checkpoints;
        }
        // Writes and blobs first, while the checkpoints they belong to still say what is latest.
        int removed = 0;
        for (String sql : CheckpointSql.PRUNE_HISTORY) {
          PreparedStatement ps = c.prepare(sql);
          ps.setString(1, threadId);
          removed = ps.executeUpdate();
        }
        return (long) removed; // the last statement deletes the checkpoints themselves
      });
    } catch (SQLException e) {
      throw failure("prune of thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public List<String> threads(@Nullable String afterThreadId, int limit, Instant now) {
    try {
      return pool.read(c -> {
        PreparedStatement ps = c.prepare(CheckpointSql.THREADS);
        ps.setString(1, afterThreadId == null ? "" : afterThreadId);
        ps.setLong(2, micros(now));
        ps.setInt(3, limit);
        List<String> threads = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            threads.add(rs.getString(1));
          }
        }
        return threads;
      });
    } catch (SQLException e) {
      throw failure("listing threads", e);
    }
  }

  @Override
  public CheckpointStats stats(Instant now) {
    long nowMicros = micros(now);
    try {
      return pool.readSnapshot(c -> new CheckpointStats(
          count(c, CheckpointSql.COUNT_THREADS, nowMicros),
          count(c, CheckpointSql.COUNT_CHECKPOINTS, nowMicros),
          count(c, CheckpointSql.COUNT_WRITES, nowMicros)));
    } catch (SQLException e) {
      throw failure("checkpoint stats", e);
    }
  }

  private static long count(SqliteConnection c, String sql, long nowMicros) throws SQLException {
    PreparedStatement ps = c.prepare(sql);
    ps.setLong(1, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      return ExpiredIds.sweep(pool, CheckpointSql.EXPIRED_THREADS, now, limit, SqliteCheckpointBackend::purge);
    } catch (SQLException e) {
      throw failure("deleting expired threads", e);
    }
  }

  @Override
  public void close() {
    pool.close();
    log.info("{} - checkpoints closed", name);
  }

  private BackendUnavailableException failure(String what, SQLException e) {
    return SqliteDatabase.failure(name, what, e);
  }
}
