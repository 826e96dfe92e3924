package dev.engram.sqlite;

/**
 * The statements of the conversation tables, kept as constants so each is prepared once per
 * connection. "Visible at now" is {@link ItemSql#LIVE}; every header query selects {@link #HEADER}
 * in this order so rows are read by index.
 */
final class ConversationSql {
  private ConversationSql() {}

  static final String HEADER =
      "id, created_at, updated_at, message_count, ttl_micros, expires_at, metadata";

  static final String GET = "SELECT " + HEADER + " FROM conversations WHERE id = ?";

  static final String GET_LIVE = GET + " AND " + ItemSql.LIVE;

  static final String UPSERT =
      """
      INSERT INTO conversations (id, created_at, updated_at, expires_at, ttl_micros, \
      message_count, metadata)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        created_at = excluded.created_at,
        updated_at = excluded.updated_at,
        expires_at = excluded.expires_at,
        ttl_micros = excluded.ttl_micros,
        message_count = excluded.message_count,
        metadata = excluded.metadata""";

  /** A retried message (same id) is skipped: the unique (conversation_id, message_id) decides. */
  static final String INSERT_MESSAGE =
      "INSERT INTO messages (conversation_id, seq, message_id, ts, body) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (conversation_id, message_id) DO NOTHING";

  /** After an append: the new count, optionally the time, and the sliding expiry. */
  static final String AFTER_APPEND =
      "UPDATE conversations SET message_count = ?,"
          + " updated_at = CASE WHEN ? THEN ? ELSE updated_at END,"
          + " expires_at = ? + ttl_micros"
          + " WHERE id = ?";

  static final String DELETE_MESSAGES = "DELETE FROM messages WHERE conversation_id = ?";

  static final String DELETE = "DELETE FROM conversations WHERE id = ? RETURNING expires_at";

  /**
   * The last {@code ?} messages after a time, in order: the inner query walks the primary key
   * backwards from the newest and stops after the limit (-1: none).
   */
  static final String MESSAGES =
      "SELECT body FROM (SELECT seq, body FROM messages WHERE conversation_id = ? AND ts > ?"
          + " ORDER BY seq DESC LIMIT ?) ORDER BY seq";

  static final String SET_TTL =
      "UPDATE conversations SET ttl_micros = ?, expires_at = ? WHERE id = ? AND " + ItemSql.LIVE;

  static final String COUNT_LIVE =
      "SELECT COUNT(*), COALESCE(SUM(message_count), 0) FROM conversations WHERE "
          + ItemSql.LIVE;

  static final String COUNT_EXPIRED =
      "SELECT COUNT(*) FROM conversations WHERE expires_at <= ?";

  static final String EXPIRED_IDS =
      "SELECT id FROM conversations WHERE expires_at <= ? ORDER BY expires_at LIMIT ?";

  /** Space of the conversation tables and their indexes, where SQLite has the dbstat table. */
  static final String STORAGE_BYTES =
      "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('conversations', 'messages',"
          + " 'conversations_expiry', 'sqlite_autoindex_conversations_1',"
          + " 'sqlite_autoindex_messages_1', 'sqlite_autoindex_messages_2')";

  /**
   * Listing: visible conversations after an id, in id order, with the metadata exposed as {@code
   * value} so {@link FilterSql} can prefilter on it; the filter's SQL goes between the two parts.
   */
  static final String LIST_HEAD =
      "SELECT " + HEADER + " FROM (SELECT " + HEADER + ", metadata AS value FROM conversations"
          + " WHERE id > ? AND " + ItemSql.LIVE + ") WHERE 1";

  static final String LIST_TAIL = " ORDER BY id LIMIT ?";
}
