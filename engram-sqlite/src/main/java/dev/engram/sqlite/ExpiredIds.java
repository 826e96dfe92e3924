package dev.engram.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep of a kind kept as a header row and child rows (conversations and their messages,
 * threads and their checkpoints): one short transaction selects a bounded page of expired ids and
 * purges each with its children.
 */
final class ExpiredIds {
  private ExpiredIds() {}

  /** Removes one id and everything under it. */
  @FunctionalInterface
  interface Purge {
    void purge(SqliteConnection c, String id) throws SQLException;
  }

  /**
   * @param selectExpired a query with parameters (now micros, limit) returning expired ids
   * @return how many ids were purged
   */
  static int sweep(ConnectionPool pool, String selectExpired, Instant now, int limit, Purge purge)
      throws SQLException {
    return pool.transaction(c -> {
      PreparedStatement ps = c.prepare(selectExpired);
      ps.setLong(1, ItemRows.micros(now));
      ps.setInt(2, limit);
      List<String> expired = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          expired.add(rs.getString(1));
        }
      }
      for (String id : expired) {
        purge.purge(c, id);
      }
      return expired.size();
    });
  }
}
