package dev.engram.sqlite;

import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * One checkpoint listing of a visible thread: the rows in result order from the primary key
 * (BINARY collation, so ids compare by code point), the metadata filter pushed down as a superset
 * prefilter ({@link FilterSql}) and re-checked with {@link dev.engram.spi.Filter#matches}; the
 * cursor is read lazily and reading stops at the limit.
 */
final class CheckpointListingQuery {
  private final SqliteConnection c;
  private final CheckpointListing q;
  private final Logger log;
  private final String storeName;

  CheckpointListingQuery(SqliteConnection c, CheckpointListing q, Logger log, String storeName) {
    this.c = c;
    this.q = q;
    this.log = log;
    this.storeName = storeName;
  }

  List<CheckpointTuple> run() throws SQLException {
    FilterSql.Compiled pushed = FilterSql.compile(q.filter());
    try {
      return run(pushed);
    } catch (SQLException e) {
      // Metadata SQLite's JSON parser refuses fails the pushed-down functions; the Java check
      // alone still gives the exact answer.
      if (!pushed.sql().isEmpty() && String.valueOf(e.getMessage()).contains("JSON")) {
        log.warn("{} - metadata filter pushdown failed, listing without it: {}", storeName,
            e.getMessage());
        return run(new FilterSql.Compiled("", List.of()));
      }
      throw e;
    }
  }

  private List<CheckpointTuple> run(FilterSql.Compiled pushed) throws SQLException {
    StringBuilder sql = new StringBuilder(CheckpointSql.LIST_HEAD);
    if (q.checkpointNs() != null) {
      sql.append(CheckpointSql.LIST_NAMESPACE);
    }
    if (q.checkpointId() != null) {
      sql.append(CheckpointSql.LIST_ID);
    }
    if (q.beforeId() != null) {
      sql.append(CheckpointSql.LIST_BEFORE);
    }
    sql.append(CheckpointSql.LIST_FILTER).append(pushed.sql()).append(CheckpointSql.LIST_TAIL);
    PreparedStatement ps = c.prepare(sql.toString());
    int i = 1;
    ps.setString(i++, q.threadId());
    for (String bound : new String[] {q.checkpointNs(), q.checkpointId(), q.beforeId()}) {
      if (bound != null) {
        ps.setString(i++, bound);
      }
    }
    FilterBinds.bind(ps, i, pushed.binds());
    // Rows are collected first: reading a tuple's blobs and writes runs other statements on this
    // connection, which must not interleave with the open cursor's.
    List<String[]> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rows.size() < q.limit() && rs.next()) {
        if (q.filter().matches(JsonCodec.parseObject(rs.getString(6), "stored metadata"))) {
          rows.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    List<CheckpointTuple> tuples = new ArrayList<>(rows.size());
    PreparedStatement byId = c.prepare(CheckpointSql.BY_ID);
    for (String[] row : rows) {
      CheckpointRows.bindCheckpoint(byId, q.threadId(), row[0], row[1]);
      try (ResultSet rs = byId.executeQuery()) {
        if (rs.next()) {
          tuples.add(CheckpointRows.tuple(c, q.threadId(), rs));
        }
      }
    }
    return tuples;
  }
}
