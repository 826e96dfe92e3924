package dev.engram.sqlite;

import dev.engram.BackendUnavailableException;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables and their version, kept in {@code PRAGMA user_version}. Opening a file creates or
 * migrates it inside {@code BEGIN IMMEDIATE}, so two processes opening a new file at once cannot
 * both create it: the second waits, then finds the current version and does nothing.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /** The version this code reads and writes. */
  static final int CURRENT_VERSION = 3;

  /**
   * Steps from version i to i+1 at index i. Never edit a released step: add one instead.
   *
   * <p>A rowid table rather than WITHOUT ROWID: values are JSON documents, often larger than the
   * ~200 bytes below which WITHOUT ROWID pays off, and large keys would fatten every inner page of
   * a WITHOUT ROWID b-tree. The value is TEXT, never a BLOB: SQLite 3.45+ reads a blob given to the
   * JSON functions as JSONB. {@code ttl_micros} is kept so refreshing reads can renew the expiry.
   */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE items (
                namespace  TEXT    NOT NULL,
                key        TEXT    NOT NULL,
                value      TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                expires_at INTEGER,
                ttl_micros INTEGER,
                version    INTEGER NOT NULL,
                PRIMARY KEY (namespace, key)
              )""",
              // Sweeping finds expired rows without a scan; items without a TTL are left out.
              "CREATE INDEX items_expiry ON items (expires_at) WHERE expires_at IS NOT NULL",
              // Search order (newest first, then namespace, key): a search over many namespaces
              // reads this index in order and stops after one page instead of sorting everything.
              "CREATE INDEX items_recent ON items (updated_at DESC, namespace, key)"),
          // Conversations and checkpoints. A conversation row carries the message counter, so an
          // append reads one row and inserts its messages (the unique message id makes a retried
          // append a no-op); it never reads the history. Messages are JSON documents numbered by
          // seq, their order. Checkpoint threads carry the TTL; the primary key of checkpoints
          // (thread, namespace, id) serves the latest-checkpoint lookup and newest-first listing.
          List.of(
              """
              CREATE TABLE conversations (
                id            TEXT    NOT NULL PRIMARY KEY,
                created_at    INTEGER NOT NULL,
                updated_at    INTEGER NOT NULL,
                expires_at    INTEGER,
                ttl_micros    INTEGER,
                message_count INTEGER NOT NULL,
                metadata      TEXT    NOT NULL
              )""",
              "CREATE INDEX conversations_expiry ON conversations (expires_at)"
                  + " WHERE expires_at IS NOT NULL",
              """
              CREATE TABLE messages (
                conversation_id TEXT    NOT NULL,
                seq             INTEGER NOT NULL,
                message_id      TEXT    NOT NULL,
                ts              INTEGER NOT NULL,
                body            TEXT    NOT NULL,
                PRIMARY KEY (conversation_id, seq),
                UNIQUE (conversation_id, message_id)
              )""",
              """
              CREATE TABLE checkpoint_threads (
                thread_id  TEXT    NOT NULL PRIMARY KEY,
                expires_at INTEGER,
                ttl_micros INTEGER
              )""",
              "CREATE INDEX checkpoint_threads_expiry ON checkpoint_threads (expires_at)"
                  + " WHERE expires_at IS NOT NULL",
              """
              CREATE TABLE checkpoints (
                thread_id     TEXT    NOT NULL,
                checkpoint_ns TEXT    NOT NULL,
                checkpoint_id TEXT    NOT NULL,
                parent_id     TEXT,
                ts            INTEGER NOT NULL,
                state         TEXT    NOT NULL,
                metadata      TEXT    NOT NULL,
                PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
              )""",
              """
              CREATE TABLE checkpoint_blobs (
                thread_id     TEXT NOT NULL,
                checkpoint_ns TEXT NOT NULL,
                checkpoint_id TEXT NOT NULL,
                name          TEXT NOT NULL,
                type          TEXT NOT NULL,
                data          BLOB NOT NULL,
                PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, name)
              )""",
              """
              CREATE TABLE checkpoint_writes (
                thread_id     TEXT    NOT NULL,
                checkpoint_ns TEXT    NOT NULL,
                checkpoint_id TEXT    NOT NULL,
                task_id       TEXT    NOT NULL,
                idx           INTEGER NOT NULL,
                task_path     TEXT    NOT NULL,
                channel       TEXT    NOT NULL,
                type          TEXT    NOT NULL,
                data          BLOB    NOT NULL,
                PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
              )"""),
          // Search. Each item records how it is indexed (model, own fields as a JSON array; null
          // when never indexed) and its entries, one row per text with its vector (little-endian
          // floats). The search index beside the file is derived from these rows: every change of
          // an item's entries appends its address to index_changes, whose sequence the index
          // records with each commit, so reopening it catches up with only what it missed.
          // Deleting or sweeping an indexed item drops its entries and logs the change through the
          // trigger, which costs nothing for items that were never indexed. index_state names this
          // database, so an index folder never passes for another database's.
          List.of(
              "ALTER TABLE items ADD COLUMN index_model TEXT",
              "ALTER TABLE items ADD COLUMN index_fields TEXT",
              """
              CREATE TABLE index_entries (
                namespace TEXT    NOT NULL,
                key       TEXT    NOT NULL,
                ordinal   INTEGER NOT NULL,
                path      TEXT    NOT NULL,
                text      TEXT    NOT NULL,
                vector    BLOB    NOT NULL,
                PRIMARY KEY (namespace, key, ordinal)
              )""",
              """
              CREATE TABLE index_changes (
                seq       INTEGER PRIMARY KEY AUTOINCREMENT,
                namespace TEXT    NOT NULL,
                key       TEXT    NOT NULL
              )""",
              "CREATE TABLE index_state (database_id TEXT NOT NULL)",
              "INSERT INTO index_state (database_id) VALUES (lower(hex(randomblob(16))))",
              """
              CREATE TRIGGER items_unindex AFTER DELETE ON items
              WHEN OLD.index_model IS NOT NULL
              BEGIN
                DELETE FROM index_entries WHERE namespace = OLD.namespace AND key = OLD.key;
                INSERT INTO index_changes (namespace, key) VALUES (OLD.namespace, OLD.key);
              END""",
              // Store-wide settings kept with the data, such as the index configuration (JSON).
              """
              CREATE TABLE settings (
                name  TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
              )"""));

  private Schema() {}

  /**
   * Brings the file to {@link #CURRENT_VERSION}.
   *
   * @throws BackendUnavailableException when the file was written by a newer version of Engram
   */
  static void migrate(SqliteConnection c, String storeName) throws SQLException {
    c.execute("BEGIN IMMEDIATE");
    try {
      int version = (int) c.queryLong("PRAGMA user_version");
      if (version > CURRENT_VERSION) {
        throw new BackendUnavailableException(
            storeName + " has schema version " + version + ", newer than the version "
                + CURRENT_VERSION + " this Engram knows; upgrade Engram to open it");
      }
      for (int v = version; v < CURRENT_VERSION; v++) {
        for (String ddl : MIGRATIONS.get(v)) {
          c.execute(ddl);
        }
        log.info("{} - schema migrated from version {} to {}", storeName, v, v + 1);
      }
      if (version < CURRENT_VERSION) {
        c.execute("PRAGMA user_version=" + CURRENT_VERSION);
      }
      c.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        c.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }
}
