package dev.engram.postgres;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reading checkpoint tuples: the rows selecting {@link #COLUMNS}, then the blobs and the pending
 * writes of all of them in one query each, so a listing costs three statements whatever its
 * length. Callers run this in one snapshot ({@link Connections#snapshot}).
 */
final class CheckpointRows {
  static final String COLUMNS = "checkpoint_ns, checkpoint_id, parent_id, ts, state, metadata";

  /** Rows read per round trip of a filtered listing, which may have to skip many. */
  private static final int FETCH_SIZE = 200;

  private final Connection c;
  private final CheckpointSql sql;
  private final String threadId;

  CheckpointRows(Connection c, CheckpointSql sql, String threadId) {
    this.c = c;
    this.sql = sql;
    this.threadId = threadId;
  }

  /** A checkpoint row without its blobs and writes. */
  private record Row(
      String ns, String id, @Nullable String parent, long ts, String state,
      Map<String, Object> metadata) {
    String key() {
      return key(ns, id);
    }

    static String key(String ns, String id) {
      return ns + '\u0000' + id;
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getString(5), JsonCodec.parseObject(rs.getBytes(6), "stored checkpoint metadata"));
  }

  /** The tuple of a statement selecting at most one row, or null. */
  @Nullable CheckpointTuple one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return tuples(List.of(row(rs))).get(0);
    }
  }

  /**
   * The listing of a visible thread: rows newest first with the filter pushed down ({@link
   * FilterSql}) and re-checked with {@link dev.engram.spi.Filter#matches} (rows without a jsonb
   * copy always pass the SQL). Without a filter SQL applies the limit; with one the cursor is read
   * lazily and reading stops once the page is full.
   */
  List<CheckpointTuple> list(CheckpointListing q) throws SQLException {
    FilterSql.Compiled pushed = FilterSql.compile(q.filter(), "metadata_jsonb");
    boolean sqlLimit = q.filter().isEmpty();
    String text = sql.list(q.checkpointNs() != null, q.checkpointId() != null,
        q.beforeId() != null, pushed.sql(), sqlLimit);
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(text)) {
      int i = 1;
      ps.setString(i++, threadId);
      for (String bound : new String[] {q.checkpointNs(), q.checkpointId(), q.beforeId()}) {
        if (bound != null) {
          ps.setString(i++, bound);
        }
      }
      i = FilterBinds.bind(c, ps, i, pushed.binds());
      if (sqlLimit) {
        ps.setInt(i, q.limit());
      } else {
        ps.setFetchSize(FETCH_SIZE);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rows.size() < q.limit() && rs.next()) {
          Row row = row(rs);
          if (q.filter().matches(row.metadata())) {
            rows.add(row);
          }
        }
      }
    }
    return tuples(rows);
  }

  private List<CheckpointTuple> tuples(List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    String[] namespaces = new String[rows.size()];
    String[] ids = new String[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      namespaces[i] = rows.get(i).ns();
      ids[i] = rows.get(i).id();
    }
    Map<String, Map<String, TypedValue>> blobs = new HashMap<>();
    try (PreparedStatement ps = keyed(sql.blobsOf, namespaces, ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        blobs.computeIfAbsent(Row.key(rs.getString(1), rs.getString(2)), k -> new LinkedHashMap<>())
            .put(rs.getString(3), TypedValue.of(rs.getString(4), rs.getBytes(5)));
      }
    }
    Map<String, List<PendingWrite>> writes = new HashMap<>();
    try (PreparedStatement ps = keyed(sql.writesOf, namespaces, ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        writes.computeIfAbsent(Row.key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
            .add(new PendingWrite(rs.getString(3), rs.getString(4), rs.getString(5),
                TypedValue.of(rs.getString(6), rs.getBytes(7))));
      }
    }
    List<CheckpointTuple> tuples = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Checkpoint checkpoint = new Checkpoint(
          row.id(), ItemRows.instant(row.ts()),
          JsonCodec.parseObject(row.state(), "stored checkpoint state"),
          blobs.getOrDefault(row.key(), Map.of()));
      tuples.add(new CheckpointTuple(
          CheckpointConfig.of(threadId, row.ns(), row.id()),
          checkpoint,
          row.metadata(),
          row.parent() == null ? null : CheckpointConfig.of(threadId, row.ns(), row.parent()),
          List.copyOf(writes.getOrDefault(row.key(), List.of()))));
    }
    return tuples;
  }

  private PreparedStatement keyed(String statement, String[] namespaces, String[] ids)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(statement);
    ps.setArray(1, c.createArrayOf("text", namespaces));
    ps.setArray(2, c.createArrayOf("text", ids));
    ps.setString(3, threadId);
    return ps;
  }
}
