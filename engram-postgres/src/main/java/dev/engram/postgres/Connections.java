package dev.engram.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one store: a HikariCP pool, and the transaction this thread has open, if any.
 *
 * <p>Outside a transaction every call borrows a connection in autocommit mode, so each statement is
 * atomic by itself and costs one round trip. {@link #transaction} binds one connection to the
 * calling thread until the work returns; every {@link #run} on that thread joins it, which is how a
 * batch's operations see each other's writes and commit or roll back together.
 *
 * <p>Timeouts make an outage fail fast instead of hanging: a borrow waits at most {@code
 * connectTimeoutMs} (while the pool keeps trying to connect), and a statement whose server went
 * silent fails after {@code socketTimeoutMs}. A connection that failed is evicted by the pool and
 * idle ones are validated before reuse, so the store recovers by itself once the server is back.
 */
final class Connections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Connections.class);

  private final String storeName;
  private final HikariDataSource dataSource;
  private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

  private Connections(String storeName, HikariDataSource dataSource) {
    this.storeName = storeName;
    this.dataSource = dataSource;
  }

  /**
   * Starts the pool with its first connection.
   *
   * @throws RuntimeException (HikariCP's) when no connection could be made within connectTimeoutMs
   */
  static Connections open(PostgresSettings settings) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {settings.host()});
    pg.setPortNumbers(new int[] {settings.port()});
    pg.setDatabaseName(settings.database());
    pg.setUser(settings.user());
    if (settings.password() != null) {
      pg.setPassword(settings.password());
    }
    // The driver counts these in whole seconds; round up so a short setting never means "none".
    int connectSeconds = seconds(settings.connectTimeoutMs());
    pg.setConnectTimeout(connectSeconds);
    pg.setLoginTimeout(connectSeconds);
    pg.setSocketTimeout(seconds(settings.socketTimeoutMs()));
    // Notices a peer that vanished without closing (network partition) on idle connections too.
    pg.setTcpKeepAlive(true);
    pg.setApplicationName("engram");
    if (settings.sslMode() != null) {
      pg.setSslMode(settings.sslMode());
    }
    pg.setPrepareThreshold(settings.prepareThreshold());

    HikariConfig config = new HikariConfig();
    config.setDataSource(pg);
    config.setPoolName("engram " + settings.storeName());
    config.setMaximumPoolSize(settings.poolSize());
    // Stores are often opened in numbers (tests, several tenants' schemas): keep one connection
    // warm and grow on demand rather than holding poolSize connections per store from the start.
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectTimeoutMs());
    config.setValidationTimeout(
        Math.max(PostgresSettings.MIN_TIMEOUT_MS, settings.connectTimeoutMs() / 2));
    // Opening waits up to connectTimeoutMs for a first connection (a database that is still
    // starting gets that long) and otherwise fails with the driver's reason, such as "refused".
    config.setInitializationFailTimeout(settings.connectTimeoutMs());
    config.setAutoCommit(true);
    return new Connections(settings.storeName(), new HikariDataSource(config));
  }

  private static int seconds(int millis) {
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Work done on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Whether this thread has a transaction open on this store. */
  boolean inTransaction() {
    return transaction.get() != null;
  }

  /**
   * Runs a sweep: a bounded {@code DELETE} whose parameters are now (epoch microseconds) and the
   * most rows to remove, in that order.
   *
   * @return how many rows it removed
   */
  int sweep(String deleteExpired, long nowMicros, int limit) throws SQLException {
    return run(c -> {
      try (PreparedStatement ps = c.prepareStatement(deleteExpired)) {
        ps.setLong(1, nowMicros);
        ps.setInt(2, limit);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Runs work on this thread's open transaction, or else on a pooled connection in autocommit mode
   * (each statement its own transaction).
   */
  <T> T run(SqlWork<T> work) throws SQLException {
    Connection open = transaction.get();
    if (open != null) {
      return work.run(open);
    }
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    }
  }

  /**
   * Runs work inside one transaction on one connection, bound to this thread so that nested calls
   * join it. Commits when the work returns, rolls back when it throws anything.
   */
  <T> T transaction(SqlWork<T> work) throws SQLException {
    Connection open = transaction.get();
    if (open != null) {
      return work.run(open);
    }
    try (Connection c = dataSource.getConnection()) {
      // BEGIN goes out with the first statement: no round trip of its own.
      c.setAutoCommit(false);
      T result;
      transaction.set(c);
      try {
        result = work.run(c);
      } catch (Throwable t) {
        rollback(c, t);
        throw t;
      } finally {
        transaction.remove();
      }
      c.commit();
      return result;
    }
  }

  /**
   * Runs reads in one repeatable-read, read-only transaction, so that several statements (a
   * conversation's header and its messages, a checkpoint and its blobs and writes) see one
   * snapshot. Must not be nested in another transaction on this thread.
   */
  <T> T snapshot(SqlWork<T> work) throws SQLException {
    return transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            // Transaction-scoped: the pooled connection keeps its defaults for the next borrower.
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          }
          return work.run(c);
        });
  }

  private void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // A lost connection cannot roll back, but the server drops its transaction anyway.
      cause.addSuppressed(e);
      log.debug("{} - rollback after a failure failed too", storeName, e);
    }
  }

  /** Closes every connection; work still running gets an error rather than a leak. */
  @Override
  public void close() {
    dataSource.close();
  }
}
