package dev.engram.sqlite;

import dev.engram.BackendUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a database file, shared by the store, conversation and checkpoint backends: each opens
 * its own connections to the same file (SQLite arbitrates between them as between processes).
 */
final class SqliteDatabase {
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  private SqliteDatabase() {}

  /**
   * Opens the file, creating it and its folders, switching it to WAL and migrating its schema.
   *
   * @param what names what is opened in the log, e.g. "store" or "conversations"
   */
  static ConnectionPool open(SqliteSettings settings, String what) {
    String name = settings.storeName();
    Path parent = settings.file().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new BackendUnavailableException(
          name + " - cannot create the folder " + parent + ": " + e, e);
    }
    SqliteConnection writer = null;
    try {
      writer = SqliteConnection.open(settings, false);
      // Persistent in the file; a no-op when another process switched it already.
      String mode = writer.queryString("PRAGMA journal_mode=WAL");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new SQLException("could not switch to WAL journal mode (got " + mode + ")");
      }
      Schema.migrate(writer, name);
      ConnectionPool pool = ConnectionPool.open(settings, writer);
      log.info(
          "{} - opened {} (schema version {}, {} readers, synchronous={})", name, what,
          Schema.CURRENT_VERSION, settings.readers(),
          settings.synchronousFull() ? "full" : "normal");
      return pool;
    } catch (SQLException e) {
      if (writer != null) {
        writer.close();
      }
      throw new BackendUnavailableException(name + " - cannot open: " + describe(e), e);
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      throw e;
    }
  }

  /** The failure of an operation, naming the database and what was being done. */
  static BackendUnavailableException failure(String name, String what, SQLException e) {
    return new BackendUnavailableException(name + " - " + what + " failed: " + describe(e), e);
  }

  /** The driver's message, with a hint when the cause is another process holding the file. */
  static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
      return message + " (another connection held the database longer than the busy timeout;"
          + " raise busyTimeoutMs in the store URI if this is expected)";
    }
    return message;
  }
}
