package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.micros;

import dev.engram.NotFoundException;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.StoredCheckpoint;
import java.sql.Connection;
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
 * Checkpoints on one schema of a PostgreSQL database. Every write is one transaction that takes
 * the thread row first (so writers of one thread queue on it instead of deadlocking); a tuple
 * (row, blobs, writes) is read in one snapshot, and a refreshing read renews the thread's expiry
 * with one statement afterwards, outside the snapshot.
 */
final class PostgresCheckpointBackend implements CheckpointBackend {
  private static final Logger log = LoggerFactory.getLogger(PostgresCheckpointBackend.class);

  private final String name;
  private final Connections connections;
  private final CheckpointSql sql;
  private final Failures failures;

  private PostgresCheckpointBackend(PostgresSettings settings, Connections connections) {
    this.name = settings.storeName();
    this.connections = connections;
    this.sql = new CheckpointSql(settings.schema());
    this.failures = new Failures(settings);
  }

  static PostgresCheckpointBackend open(PostgresSettings settings) {
    return new PostgresCheckpointBackend(settings, PostgresDatabase.open(settings, "checkpoints"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void put(StoredCheckpoint cp, @Nullable Duration ttl, Instant now) {
    try {
      connections.transaction(c -> {
        writableThread(c, cp.threadId(), ttl, micros(now));
        try (PreparedStatement ps = c.prepareStatement(sql.upsertCheckpoint)) {
          bindCheckpoint(ps, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
          ps.setString(4, cp.parentId());
          ps.setLong(5, micros(cp.ts()));
          ps.setString(6, cp.state().json());
          ps.setString(7, cp.metadata().json());
          ps.setString(8, JsonbCopy.copyOf(cp.metadata()));
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(sql.deleteBlobsOf)) {
          bindCheckpoint(ps, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
          ps.executeUpdate();
        }
        if (!cp.blobs().isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(sql.insertBlob)) {
            for (Map.Entry<String, TypedValue> e : cp.blobs().entrySet()) {
              bindCheckpoint(ps, cp.threadId(), cp.checkpointNs(), cp.checkpointId());
              ps.setString(4, e.getKey());
              ps.setString(5, e.getValue().type());
              ps.setBytes(6, e.getValue().data());
              ps.addBatch();
            }
            ps.executeBatch(); // one round trip for all blobs
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw failures.of("put of checkpoint \"" + cp.checkpointId() + "\" in thread \""
          + cp.threadId() + "\"", e);
    }
  }

  /**
   * Makes the thread ready for a write and locks its row: an expired thread is emptied first; the
   * row gets the TTL and an expiry from now.
   */
  private void writableThread(Connection c, String threadId, @Nullable Duration ttl, long nowMicros)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.purgeIfExpired)) {
      ps.setString(1, threadId);
      ps.setLong(2, nowMicros);
      ps.executeUpdate();
    }
    Long ttlMicros = ItemRows.micros(ttl);
    try (PreparedStatement ps = c.prepareStatement(sql.upsertThread)) {
      ps.setString(1, threadId);
      ItemRows.setNullableLong(ps, 2, ItemRows.expiry(nowMicros, ttlMicros));
      ItemRows.setNullableLong(ps, 3, ttlMicros);
      ps.executeUpdate();
    }
  }

  private static void bindCheckpoint(PreparedStatement ps, String threadId, String ns, String id)
      throws SQLException {
    ps.setString(1, threadId);
    ps.setString(2, ns);
    ps.setString(3, id);
  }

  @Override
  public void putWrites(
      String threadId, String checkpointNs, String checkpointId, String taskId, String taskPath,
      List<IndexedWrite> writes, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    Long ttlMicros = ItemRows.micros(ttl);
    try {
      connections.transaction(c -> {
        boolean found;
        try (PreparedStatement ps = c.prepareStatement(sql.renewLiveThread)) {
          ItemRows.setNullableLong(ps, 1, ItemRows.expiry(nowMicros, ttlMicros));
          ItemRows.setNullableLong(ps, 2, ttlMicros);
          ps.setString(3, threadId);
          ps.setLong(4, nowMicros);
          found = ps.executeUpdate() == 1;
        }
        if (found) {
          try (PreparedStatement ps = c.prepareStatement(sql.lockCheckpoint)) {
            bindCheckpoint(ps, threadId, checkpointNs, checkpointId);
            try (ResultSet rs = ps.executeQuery()) {
              found = rs.next();
            }
          }
        }
        if (!found) {
          // Thrown inside the transaction, so the renewed TTL is rolled back with it.
          throw new NotFoundException(
              "no checkpoint \"" + checkpointId + "\" in thread \"" + threadId + "\", namespace \""
                  + checkpointNs + "\" of " + name);
        }
        // Two batches, one round trip each: normal writes (non-negative indexes) and special
        // channels (negative ones) never share an index, so only the order within each matters,
        // and a batch keeps it.
        try (PreparedStatement insert = c.prepareStatement(sql.insertWrite);
            PreparedStatement upsert = c.prepareStatement(sql.upsertWrite)) {
          boolean inserts = false;
          boolean upserts = false;
          for (IndexedWrite w : writes) {
            PreparedStatement ps = w.upserts() ? upsert : insert;
            bindCheckpoint(ps, threadId, checkpointNs, checkpointId);
            ps.setString(4, taskId);
            ps.setInt(5, w.idx());
            ps.setString(6, taskPath);
            ps.setString(7, w.channel());
            ps.setString(8, w.value().type());
            ps.setBytes(9, w.value().data());
            ps.addBatch();
            inserts |= !w.upserts();
            upserts |= w.upserts();
          }
          if (inserts) {
            insert.executeBatch();
          }
          if (upserts) {
            upsert.executeBatch();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw failures.of("writes of task \"" + taskId + "\" to checkpoint \"" + checkpointId
          + "\" in thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public @Nullable CheckpointTuple get(
      String threadId, String checkpointNs, @Nullable String checkpointId, Instant now,
      boolean refreshTtl) {
    long nowMicros = micros(now);
    try {
      CheckpointTuple tuple = connections.snapshot(c -> {
        try (PreparedStatement ps =
            c.prepareStatement(checkpointId == null ? sql.latest : sql.byId)) {
          int i = 1;
          ps.setString(i++, threadId);
          ps.setString(i++, checkpointNs);
          if (checkpointId != null) {
            ps.setString(i++, checkpointId);
          }
          ps.setLong(i, nowMicros);
          return new CheckpointRows(c, sql, threadId).one(ps);
        }
      });
      if (refreshTtl) {
        refresh(threadId, nowMicros);
      }
      return tuple;
    } catch (SQLException e) {
      throw failures.of("read of thread \"" + threadId + "\"", e);
    }
  }

  /** Renews a visible thread's expiry from now, if it has a TTL. */
  private void refresh(String threadId, long nowMicros) throws SQLException {
    connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.refreshThread)) {
        ps.setLong(1, nowMicros);
        ps.setString(2, threadId);
        ps.setLong(3, nowMicros);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<CheckpointTuple> list(CheckpointListing q) {
    long nowMicros = micros(q.now());
    try {
      List<CheckpointTuple> tuples = connections.snapshot(c ->
          live(c, q.threadId(), nowMicros)
              ? new CheckpointRows(c, sql, q.threadId()).list(q)
              : List.of());
      if (q.refreshTtl()) {
        refresh(q.threadId(), nowMicros);
      }
      return tuples;
    } catch (SQLException e) {
      throw failures.of("listing of thread \"" + q.threadId() + "\"", e);
    }
  }

  private boolean live(Connection c, String threadId, long nowMicros) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.liveThread)) {
      ps.setString(1, threadId);
      ps.setLong(2, nowMicros);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public boolean deleteThread(String threadId, Instant now) {
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.deleteThread)) {
          ps.setString(1, threadId);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                && ItemRows.visible(ItemRows.nullableLong(rs, 1), micros(now));
          }
        }
      });
    } catch (SQLException e) {
      throw failures.of("delete of thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public long copyThread(String from, String to, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    try {
      return connections.transaction(c -> {
        if (!live(c, from, nowMicros)) {
          return 0L;
        }
        writableThread(c, to, ttl, nowMicros);
        List<String> namespaces = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.copyCheckpoints)) {
          ps.setString(1, to);
          ps.setString(2, from);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              namespaces.add(rs.getString(1));
              ids.add(rs.getString(2));
            }
          }
        }
        if (!ids.isEmpty()) {
          for (String statement : List.of(sql.copyBlobs, sql.copyWrites)) {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
              ps.setString(1, to);
              ps.setArray(2, c.createArrayOf("text", namespaces.toArray()));
              ps.setArray(3, c.createArrayOf("text", ids.toArray()));
              ps.setString(4, from);
              ps.executeUpdate();
            }
          }
        }
        return (long) ids.size();
      });
    } catch (SQLException e) {
      throw failures.of("copy of thread \"" + from + "\" to \"" + to + "\"", e);
    }
  }

  @Override
  public long prune(String threadId, PruneStrategy strategy, Instant now) {
    try {
      return connections.transaction(c -> {
        if (!live(c, threadId, micros(now))) {
          return 0L;
        }
        long removed;
        String statement =
            strategy == PruneStrategy.DELETE ? sql.deleteCheckpointsOf : sql.pruneHistory;
        try (PreparedStatement ps = c.prepareStatement(statement)) {
          ps.setString(1, threadId);
          removed = ps.executeUpdate();
        }
        if (strategy == PruneStrategy.DELETE) {
          try (PreparedStatement ps = c.prepareStatement(sql.deleteThread)) {
            ps.setString(1, threadId);
            ps.execute();
          }
        }
        return removed;
      });
    } catch (SQLException e) {
      throw failures.of("prune of thread \"" + threadId + "\"", e);
    }
  }

  @Override
  public List<String> threads(@Nullable String afterThreadId, int limit, Instant now) {
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.threadPage)) {
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
        }
      });
    } catch (SQLException e) {
      throw failures.of("listing threads", e);
    }
  }

  @Override
  public CheckpointStats stats(Instant now) {
    long nowMicros = micros(now);
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.stats)) {
          ps.setLong(1, nowMicros);
          ps.setLong(2, nowMicros);
          ps.setLong(3, nowMicros);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new CheckpointStats(rs.getLong(1), rs.getLong(2), rs.getLong(3));
          }
        }
      });
    } catch (SQLException e) {
      throw failures.of("checkpoint stats", e);
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      return connections.sweep(sql.deleteExpired, micros(now), limit);
    } catch (SQLException e) {
      throw failures.of("deleting expired threads", e);
    }
  }

  @Override
  public void close() {
    connections.close();
    log.info("{} - checkpoints closed", name);
  }
}
