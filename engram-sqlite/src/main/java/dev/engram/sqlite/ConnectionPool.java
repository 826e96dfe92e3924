package dev.engram.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one store: a single writer guarded by a lock, and a few readers.
 *
 * <p>SQLite admits one writer per file at a time anyway, so one writer connection loses nothing and
 * keeps this process's writers queueing on a Java lock instead of on SQLite's busy handler
 * (which sleeps and retries). In WAL mode readers never block the writer nor each other, so reads
 * run on a small pool in parallel. A thread inside a transaction holds the writer lock and does
 * its reads on the writer too, so it sees its own uncommitted writes.
 */
final class ConnectionPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

  private final String storeName;
  /** Not fair: a fair lock hands off on every release and halves write throughput under load. */
  private final ReentrantLock writerLock = new ReentrantLock();
  private final SqliteConnection writer;
  private final BlockingQueue<SqliteConnection> idleReaders;
  private final List<SqliteConnection> allReaders;
  /** Nesting depth of the open transaction; guarded by {@link #writerLock}. */
  private int transactionDepth;
  private volatile boolean closed;

  private ConnectionPool(
      String storeName, SqliteConnection writer, List<SqliteConnection> readers) {
    this.storeName = storeName;
    this.writer = writer;
    this.allReaders = List.copyOf(readers);
    this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
  }

  /** Opens the writer (already prepared by the caller) and the readers. */
  static ConnectionPool open(SqliteSettings settings, SqliteConnection writer) throws SQLException {
    List<SqliteConnection> readers = new ArrayList<>();
    try {
      for (int i = 0; i < settings.readers(); i++) {
        readers.add(SqliteConnection.open(settings, true));
      }
    } catch (SQLException e) {
      readers.forEach(SqliteConnection::close);
      throw e;
    }
    return new ConnectionPool(settings.storeName(), writer, readers);
  }

  /** Work done on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(SqliteConnection connection) throws SQLException;
  }

  /**
   * Runs read-only work: on the writer when this thread is inside a transaction (to see its own
   * writes), else on an idle reader.
   */
  <T> T read(SqlWork<T> work) throws SQLException {
    if (writerLock.isHeldByCurrentThread()) {
      return work.run(writer);
    }
    checkOpen();
    SqliteConnection reader;
    try {
      reader = idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", e);
    }
    try {
      return work.run(reader);
    } finally {
      idleReaders.add(reader);
    }
  }

  /** Whether this thread is inside a transaction (or a write) on the writer. */
  boolean heldByCurrentThread() {
    return writerLock.isHeldByCurrentThread();
  }

  /**
   * Runs read-only work of several statements that must see one snapshot (a header and its rows):
   * inside a read transaction on a reader, or on the writer inside this thread's transaction.
   */
  <T> T readSnapshot(SqlWork<T> work) throws SQLException {
    if (writerLock.isHeldByCurrentThread()) {
      return work.run(writer);
    }
    return read(c -> {
      c.prepare("BEGIN").execute();
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        try {
          c.prepare("ROLLBACK").execute();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
      c.prepare("COMMIT").execute();
      return result;
    });
  }

  /**
   * Runs work on the writer as single statements in autocommit mode (each one atomic), or inside
   * the transaction this thread already has open.
   */
  <T> T write(SqlWork<T> work) throws SQLException {
    lockWriter();
    try {
      return work.run(writer);
    } finally {
      writerLock.unlock();
    }
  }

  /**
   * Runs work inside one write transaction: {@code BEGIN IMMEDIATE} takes SQLite's write lock up
   * front, so two processes never both read and then deadlock upgrading to write. A nested call
   * on the same thread joins the open transaction. The work commits when it returns and rolls back
   * when it throws.
   */
  <T, X extends Exception> T transaction(TransactionWork<T, X> work) throws SQLException, X {
    lockWriter();
    try {
      if (transactionDepth > 0) {
        transactionDepth++;
        try {
          return work.run(writer);
        } finally {
          transactionDepth--;
        }
      }
      writer.prepare("BEGIN IMMEDIATE").execute();
      transactionDepth = 1;
      T result;
      try {
        result = work.run(writer);
      } catch (Throwable t) {
        transactionDepth = 0;
        rollback(t);
        throw t;
      }
      transactionDepth = 0;
      try {
        writer.prepare("COMMIT").execute();
      } catch (SQLException e) {
        rollback(e);
        throw e;
      }
      return result;
    } finally {
      writerLock.unlock();
    }
  }

  /** Work inside a transaction, which may throw a checked exception of its own. */
  @FunctionalInterface
  interface TransactionWork<T, X extends Exception> {
    T run(SqliteConnection connection) throws SQLException, X;
  }

  private void rollback(Throwable cause) {
    try {
      writer.prepare("ROLLBACK").execute();
    } catch (SQLException e) {
      // Some errors (disk full, I/O) make SQLite roll back by itself; then there is nothing to do.
      if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
        return;
      }
      cause.addSuppressed(e);
      log.warn("{} - rolling back a failed transaction failed", storeName, e);
    }
  }

  private void lockWriter() throws SQLException {
    checkOpen();
    try {
      writerLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the writer connection", e);
    }
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the store is closed");
    }
  }

  /** Closes every connection, waiting for work in progress on the writer to finish. */
  @Override
  public void close() {
    closed = true;
    writerLock.lock();
    try {
      writer.close();
    } finally {
      writerLock.unlock();
    }
    // Readers still in use are closed too; their holder gets an error instead of a leak.
    allReaders.forEach(SqliteConnection::close);
  }
}
