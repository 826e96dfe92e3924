package dev.engram.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One JDBC connection to the database file and its prepared statements. sqlite-jdbc connections
 * are not thread-safe, so an instance is used by one thread at a time (the {@link ConnectionPool}
 * hands it out). Statements are prepared once and reused: preparing is a large share of the cost
 * of a small statement.
 */
final class SqliteConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteConnection.class);

  /** Filter searches produce varying SQL; bound the cache so they cannot grow it without limit. */
  private static final int MAX_CACHED_STATEMENTS = 64;

  private final Connection connection;
  private final String storeName;
  private final Map<String, PreparedStatement> statements =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_CACHED_STATEMENTS) {
            return false;
          }
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  private SqliteConnection(Connection connection, String storeName) {
    this.connection = connection;
    this.storeName = storeName;
  }

  /**
   * Opens a connection with the settings every connection needs. The busy timeout comes first so
   * that even the remaining pragmas wait for another process instead of failing.
   */
  static SqliteConnection open(SqliteSettings settings, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(settings.busyTimeoutMs());
    // Transactions are issued explicitly (BEGIN IMMEDIATE); the driver's own handling of
    // autoCommit=false would re-open a deferred transaction after each commit.
    Connection c = config.createConnection("jdbc:sqlite:" + settings.file());
    SqliteConnection sc = new SqliteConnection(c, settings.storeName());
    try {
      sc.execute("PRAGMA synchronous=" + (settings.synchronousFull() ? "FULL" : "NORMAL"));
      // Values are small documents read by key; keep temporary b-trees of sorts off the disk.
      sc.execute("PRAGMA temp_store=MEMORY");
      if (readOnly) {
        // A reader never writes; this turns a programming mistake into an error, not a lock.
        sc.execute("PRAGMA query_only=ON");
      }
    } catch (SQLException e) {
      sc.close();
      throw e;
    }
    return sc;
  }

  /** The cached statement for {@code sql}, prepared on first use. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Runs a statement that returns nothing of interest (pragmas, DDL). */
  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs a statement returning one integer, such as {@code PRAGMA user_version}. */
  long queryLong(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Runs a statement returning one text value, such as {@code PRAGMA journal_mode=WAL}. */
  String queryString(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      closeQuietly(ps);
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("{} - closing a connection failed", storeName, e);
    }
  }

  private void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException e) {
      log.debug("{} - closing a cached statement failed", storeName, e);
    }
  }
}
