package dev.engram.postgres;

import dev.engram.BackendUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram's tables in one schema and their version, kept in the one-row table {@code
 * engram_schema}. Opening a store creates or migrates them in one transaction that first takes a
 * transaction-scoped advisory lock named after the schema: when several processes open a fresh
 * schema at once, one creates it and the others wait, then find it current and do nothing. Every
 * step is plain transactional DDL, so a failure leaves nothing half-made.
 *
 * <p>A schema that is already current is only read, never altered, so a role without the right to
 * create anything can open a store whose tables an administrator created.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /** The version this code reads and writes. */
  static final int CURRENT_VERSION = 3;

  /** The item table, unqualified. */
  static final String ITEMS = "engram_items";

  static final String VERSION_TABLE = "engram_schema";

  /** The index entries of items, unqualified. */
  static final String ENTRIES = "engram_index_entries";

  /**
   * Search: how each item is indexed, its index entries and the store's settings (the index
   * configuration). The item row says which model made its vectors, its own index paths (JSON,
   * null for the store's) and how many words its indexed texts hold, null when it has no entries
   * (never indexed, or indexing turned off for it). An entry is one indexed text: the path it came
   * from and the text (NUL, which text cannot hold, as U+FFFD: a derived copy), its words as a
   * tsvector for keyword search ({@link IndexedEntries}), and its vector. Entries reference their
   * item with {@code ON DELETE CASCADE}, so deleting, sweeping and replacing an item never leaves
   * stale entries; puts replace them in the same statement as the item ({@link ItemSql}).
   *
   * <p>The vector column starts as {@code bytea} (little-endian floats); when pgvector is
   * available, {@link SearchSetup} turns it into pgvector's {@code vector} while it is empty.
   */
  private static final List<String> SEARCH =
      List.of(
          "ALTER TABLE %s.engram_items ADD COLUMN index_model text, ADD COLUMN index_fields text,"
              + " ADD COLUMN index_words integer",
          """
          CREATE TABLE %s.engram_index_entries (
            namespace text COLLATE "C" NOT NULL,
            key       text COLLATE "C" NOT NULL,
            ord       integer NOT NULL,
            path      text NOT NULL,
            text      text NOT NULL,
            words     tsvector NOT NULL,
            embedding bytea NOT NULL,
            PRIMARY KEY (namespace, key, ord),
            FOREIGN KEY (namespace, key) REFERENCES %1$s.engram_items ON DELETE CASCADE
          )""",
          "CREATE INDEX engram_index_entries_words ON %s.engram_index_entries USING gin (words)",
          """
          CREATE TABLE %s.engram_settings (
            name  text COLLATE "C" NOT NULL PRIMARY KEY,
            value text NOT NULL
          )""");

  /**
   * Conversations and checkpoints. A conversation row carries the message counter, so an append
   * locks and bumps one row and inserts its messages (the unique message id turns a retried append
   * into a no-op); it never reads the history. Messages are the engine's JSON documents numbered by
   * {@code seq}, their order, which the primary key serves for loads and {@code lastN}. A checkpoint
   * thread row carries the TTL; the primary key of checkpoints (thread, namespace, id) serves the
   * latest-checkpoint lookup and newest-first listing. Children reference their parent with {@code
   * ON DELETE CASCADE}, so deleting a conversation or a thread row (delete, sweep, prune) is one
   * statement that takes everything below it along.
   *
   * <p>{@code metadata_jsonb} is an ordinary column written with the metadata, not a generated one
   * as for items: every append updates the conversation row, and a generated column would parse
   * the metadata again each time. It is null where jsonb cannot represent the metadata ({@link
   * JsonbCopy}); such rows always pass the pushed-down filter and are checked in Java.
   */
  private static final List<String> CONVERSATIONS_AND_CHECKPOINTS =
      List.of(
          """
          CREATE TABLE %s.engram_conversations (
            id             text COLLATE "C" NOT NULL PRIMARY KEY,
            created_at     bigint NOT NULL,
            updated_at     bigint NOT NULL,
            expires_at     bigint,
            ttl_micros     bigint,
            message_count  bigint NOT NULL,
            metadata       text NOT NULL,
            metadata_jsonb jsonb
          ) WITH (fillfactor = 90)""",
          "CREATE INDEX engram_conversations_expiry ON %s.engram_conversations (expires_at)"
              + " WHERE expires_at IS NOT NULL",
          """
          CREATE TABLE %s.engram_messages (
            conversation_id text COLLATE "C" NOT NULL
                              REFERENCES %1$s.engram_conversations (id) ON DELETE CASCADE,
            seq             bigint NOT NULL,
            message_id      text COLLATE "C" NOT NULL,
            ts              bigint NOT NULL,
            body            text NOT NULL,
            PRIMARY KEY (conversation_id, seq),
            UNIQUE (conversation_id, message_id)
          )""",
          """
          CREATE TABLE %s.engram_checkpoint_threads (
            thread_id  text COLLATE "C" NOT NULL PRIMARY KEY,
            expires_at bigint,
            ttl_micros bigint
          ) WITH (fillfactor = 90)""",
          "CREATE INDEX engram_checkpoint_threads_expiry ON %s.engram_checkpoint_threads"
              + " (expires_at) WHERE expires_at IS NOT NULL",
          """
          CREATE TABLE %s.engram_checkpoints (
            thread_id      text COLLATE "C" NOT NULL
                             REFERENCES %1$s.engram_checkpoint_threads (thread_id)
                             ON DELETE CASCADE,
            checkpoint_ns  text COLLATE "C" NOT NULL,
            checkpoint_id  text COLLATE "C" NOT NULL,
            parent_id      text COLLATE "C",
            ts             bigint NOT NULL,
            state          text NOT NULL,
            metadata       text NOT NULL,
            metadata_jsonb jsonb,
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
          )""",
          """
          CREATE TABLE %s.engram_checkpoint_blobs (
            thread_id     text COLLATE "C" NOT NULL,
            checkpoint_ns text COLLATE "C" NOT NULL,
            checkpoint_id text COLLATE "C" NOT NULL,
            name          text COLLATE "C" NOT NULL,
            type          text NOT NULL,
            data          bytea NOT NULL,
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, name),
            FOREIGN KEY (thread_id, checkpoint_ns, checkpoint_id)
              REFERENCES %1$s.engram_checkpoints ON DELETE CASCADE
          )""",
          """
          CREATE TABLE %s.engram_checkpoint_writes (
            thread_id     text COLLATE "C" NOT NULL,
            checkpoint_ns text COLLATE "C" NOT NULL,
            checkpoint_id text COLLATE "C" NOT NULL,
            task_id       text COLLATE "C" NOT NULL,
            idx           integer NOT NULL,
            task_path     text COLLATE "C" NOT NULL,
            channel       text NOT NULL,
            type          text NOT NULL,
            data          bytea NOT NULL,
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx),
            FOREIGN KEY (thread_id, checkpoint_ns, checkpoint_id)
              REFERENCES %1$s.engram_checkpoints ON DELETE CASCADE
          )""");

  /**
   * Steps from version i to i+1 at index i, with {@code %s} for the quoted schema. Never edit a
   * released step: add one instead.
   *
   * <p>Namespace and key are compared byte for byte ({@code COLLATE "C"}, which for UTF-8 is code
   * point order, as {@code TextOrder} defines), whatever the database's default collation. {@code
   * value} is the exact JSON text the engine encoded: jsonb would lose key order and cannot hold
   * NUL. {@code value_jsonb} is the database's own parse of it, for filters; {@code filterable} is
   * false where jsonb cannot represent the value (see {@link JsonbCopy}), and then the copy is
   * null. Times are epoch microseconds, exactly what the engine passes. The fill factor leaves room
   * on each page so that replacing an item is usually a HOT update that touches no index.
   *
   * <p>No index on {@code updated_at}: every put changes it, so such an index would turn every
   * replacement into a non-HOT update of every index, to speed up only searches across many
   * namespaces (searches under a namespace read its key range and sort that).
   */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE %s.engram_items (
                namespace   text COLLATE "C" NOT NULL,
                key         text COLLATE "C" NOT NULL,
                value       text NOT NULL,
                filterable  boolean NOT NULL,
                value_jsonb jsonb GENERATED ALWAYS AS
                              (CASE WHEN filterable THEN value::jsonb END) STORED,
                created_at  bigint NOT NULL,
                updated_at  bigint NOT NULL,
                expires_at  bigint,
                ttl_micros  bigint,
                version     bigint NOT NULL,
                PRIMARY KEY (namespace, key)
              ) WITH (fillfactor = 90)""",
              // Sweeping finds expired rows without a scan; items without a TTL are left out.
              "CREATE INDEX engram_items_expiry ON %s.engram_items (expires_at)"
                  + " WHERE expires_at IS NOT NULL"),
          // Step 2: conversations and checkpoints; see CONVERSATIONS_AND_CHECKPOINTS.
          CONVERSATIONS_AND_CHECKPOINTS,
          // Step 3: search; see SEARCH.
          SEARCH);

  private Schema() {}

  /**
   * Brings the schema to {@link #CURRENT_VERSION}, creating it when missing.
   *
   * @throws BackendUnavailableException when the schema was written by a newer Engram
   */
  static void migrate(Connection c, String schema, String storeName) throws SQLException {
    String quoted = quote(schema);
    // The pool restores autocommit when the connection goes back.
    c.setAutoCommit(false);
    try {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, lockKey(schema));
        lock.execute();
      }
      int version = currentVersion(c, schema);
      if (version > CURRENT_VERSION) {
        throw new BackendUnavailableException(
            storeName + " has schema version " + version + ", newer than the version "
                + CURRENT_VERSION + " this Engram knows; upgrade Engram to open it");
      }
      if (version < CURRENT_VERSION) {
        try (Statement s = c.createStatement()) {
          if (version == 0) {
            if (!schemaExists(c, schema)) {
              s.execute("CREATE SCHEMA " + quoted);
            }
            s.execute("CREATE TABLE " + quoted + "." + VERSION_TABLE + " (version integer NOT NULL)");
            s.execute("INSERT INTO " + quoted + "." + VERSION_TABLE + " VALUES (0)");
          }
          for (int v = version; v < CURRENT_VERSION; v++) {
            for (String ddl : MIGRATIONS.get(v)) {
              s.execute(ddl.formatted(quoted));
            }
            log.info("{} - schema migrated from version {} to {}", storeName, v, v + 1);
          }
          s.execute("UPDATE " + quoted + "." + VERSION_TABLE + " SET version = " + CURRENT_VERSION);
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /** The stored version, 0 when the version table does not exist yet. */
  private static int currentVersion(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
      ps.setString(1, quote(schema) + "." + VERSION_TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return 0;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version FROM " + quote(schema) + "." + VERSION_TABLE)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean schemaExists(Connection c, String schema) throws SQLException {
    // Checked rather than CREATE SCHEMA IF NOT EXISTS, which needs the CREATE right even when the
    // schema is there.
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The identifier quoted; {@link PostgresSettings} admits only names that need no escaping. */
  static String quote(String schema) {
    return '"' + schema + '"';
  }

  /**
   * The advisory lock serialising migrations of one schema: a stable 64-bit hash of its name, so
   * that stores of different schemas in one database do not wait for each other.
   */
  static long lockKey(String schema) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("engram schema " + schema).getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = (key << 8) | (digest[i] & 0xff);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
