package dev.engram.postgres;

import java.util.Collections;
import java.util.StringJoiner;

/**
 * The statements on one schema's conversation tables, built once per backend (table names cannot
 * be bound). "Visible at now" is {@link ItemSql#LIVE} with the engine's now; header queries select
 * {@link ConversationRows#HEADER} in that order.
 */
final class ConversationSql {
  /**
   * Appends of up to this many messages bind each message's values as parameters of their own
   * rather than as arrays, in a statement per count (see {@link #append(int)}).
   */
  static final int INLINE_MESSAGES = 8;

  /** The messages of a call as arrays: ids[], timestamps[], bodies[]. */
  private static final String ARRAYS =
      "unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]))"
          + " WITH ORDINALITY AS n(message_id, ts, body, ord)";

  final String conversations;
  final String messages;
  final String header;
  final String headerLive;
  final String lockHeader;
  final String create;
  final String upsert;
  final String deleteMessages;
  final String insertMessages;
  final String appendMessages;
  final String load;
  final String delete;
  final String clearMessages;
  final String clearConversations;
  final String setTtl;
  final String stats;
  final String deleteExpired;
  final String listHead;
  final String listTail;
  // append[n]: a call of n messages bound one by one (1 <= n <= INLINE_MESSAGES); append[0]: any
  // number of messages bound as arrays.
  private final String[] append = new String[INLINE_MESSAGES + 1];

  ConversationSql(String schema) {
    String q = Schema.quote(schema);
    conversations = q + ".engram_conversations";
    messages = q + ".engram_messages";
    String columns = ConversationRows.HEADER;
    header = "SELECT " + columns + " FROM " + conversations + " WHERE id = ?";
    headerLive = header + " AND " + ItemSql.LIVE;

    // An append serialises on the conversation row: every writer of a conversation's messages
    // (append, save) holds the row's lock, which is what makes the counter a safe base for seq.
    // The locked path of an append takes it first with this.
    lockHeader = "SELECT message_count, expires_at FROM " + conversations + " WHERE id = ? FOR UPDATE";
    // Creating an absent conversation; a concurrent creator may win, and the append then retries
    // the lock, which now waits for that creator's commit.
    create =
        "INSERT INTO " + conversations + " (id, created_at, updated_at, expires_at, ttl_micros,"
            + " message_count, metadata, metadata_jsonb) VALUES (?, ?, ?, ?, ?, 0, '{}', '{}')"
            + " ON CONFLICT (id) DO NOTHING";
    // A save: a visible conversation keeps created_at; an absent or expired one starts now.
    upsert =
        "INSERT INTO " + conversations + " AS t (id, created_at, updated_at, expires_at,"
            + " ttl_micros, message_count, metadata, metadata_jsonb)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (id) DO UPDATE SET"
            + " created_at = CASE WHEN t.expires_at IS NULL OR t.expires_at > EXCLUDED.updated_at"
            + " THEN t.created_at ELSE EXCLUDED.created_at END,"
            + " updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at,"
            + " ttl_micros = EXCLUDED.ttl_micros, message_count = EXCLUDED.message_count,"
            + " metadata = EXCLUDED.metadata, metadata_jsonb = EXCLUDED.metadata_jsonb"
            + " RETURNING created_at";
    deleteMessages = "DELETE FROM " + messages + " WHERE conversation_id = ?";

    // All messages of a call in one statement, numbered after the counter (second parameter):
    // under the row lock nothing else can add one meanwhile, so the numbers stay consecutive.
    // ON CONFLICT is the unique index's last word. Parameters: id, counter, then those of
    // fresh(ARRAYS).
    insertMessages =
        "INSERT INTO " + messages + " (conversation_id, seq, message_id, ts, body)"
            + " SELECT ?, ? + f.rank, f.message_id, f.ts, f.body FROM (" + fresh(ARRAYS) + ") f"
            + " ON CONFLICT (conversation_id, message_id) DO NOTHING RETURNING 1";
    // The insert and the counter bump in one round trip; returns nothing when no message was new.
    // Then: updateTimestamp, now, now, id.
    appendMessages =
        "WITH added AS (" + insertMessages + ")"
            + " UPDATE " + conversations + " AS t SET message_count = t.message_count + a.n,"
            + " updated_at = CASE WHEN ? THEN ? ELSE t.updated_at END,"
            + " expires_at = ? + t.ttl_micros"
            + " FROM (SELECT count(*) AS n FROM added) a WHERE t.id = ? AND a.n > 0"
            + " RETURNING t.message_count";

    append[0] = appendStatement("= ANY (CAST(? AS text[]))", ARRAYS);
    for (int n = 1; n <= INLINE_MESSAGES; n++) {
      append[n] = appendStatement(
          "IN (" + String.join(", ", Collections.nCopies(n, "?")) + ")", rows(n));
    }

    // The last ? (NULL: all) messages after a time, in order: the inner query walks the primary
    // key backwards from the newest and stops at the limit.
    load =
        "SELECT body FROM (SELECT seq, body FROM " + messages
            + " WHERE conversation_id = ? AND ts > ? ORDER BY seq DESC LIMIT ?) m ORDER BY seq";

    delete = "DELETE FROM " + conversations + " WHERE id = ? RETURNING expires_at";
    // Messages first in one statement, so the cascade finds nothing to do row by row.
    clearMessages = "DELETE FROM " + messages;
    clearConversations =
        "WITH gone AS (DELETE FROM " + conversations + " RETURNING expires_at)"
            + " SELECT count(*) FROM gone WHERE " + ItemSql.LIVE;
    setTtl =
        "UPDATE " + conversations + " SET ttl_micros = ?, expires_at = ? WHERE id = ? AND "
            + ItemSql.LIVE;
    // One statement, one snapshot: the counts agree with each other.
    stats =
        "SELECT count(*) FILTER (WHERE " + ItemSql.LIVE + "),"
            + " COALESCE(sum(message_count) FILTER (WHERE " + ItemSql.LIVE + "), 0),"
            + " count(*) FILTER (WHERE expires_at <= ?),"
            + " pg_total_relation_size('" + conversations + "')"
            + " + pg_total_relation_size('" + messages + "')"
            + " FROM " + conversations;
    // As for items (ItemSql#deleteExpired): a bounded, lock-skipping batch; the cascade takes the
    // messages along in the same statement.
    deleteExpired =
        "DELETE FROM " + conversations + " WHERE id IN (SELECT id FROM " + conversations
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)";

    // Listing in primary-key order after an id; the filter's SQL goes between head and tail.
    listHead =
        "SELECT " + columns + " FROM " + conversations + " WHERE id > ? AND " + ItemSql.LIVE;
    listTail = " ORDER BY id LIMIT ?";
  }

  /**
   * The messages of a call of {@code n} messages as a {@code VALUES} list, id, timestamp and body
   * per message. Unlike an array, whose length the plan of a prepared statement cannot know, the
   * list lets PostgreSQL plan the statement once per connection and reuse the plan, instead of
   * planning it anew for each call (about a quarter of a millisecond of the server's time).
   */
  private static String rows(int n) {
    StringJoiner rows = new StringJoiner(", ", "(VALUES ", ") AS n(message_id, ts, body, ord)");
    for (int i = 1; i <= n; i++) {
      rows.add("(CAST(? AS text), CAST(? AS bigint), CAST(? AS text), " + i + ")");
    }
    return rows.toString();
  }

  /**
   * The messages of a call (from {@code source}) the conversation does not hold yet, numbered 1,
   * 2, ... (rank) in call order; an id repeated within the call counts once, at its first place.
   * Each id is looked up on its own in the unique index: OFFSET 0 keeps the planner from turning
   * NOT EXISTS into a join, which a generic plan could make a scan of the whole history.
   * Parameters: those of the source, then the conversation id.
   */
  private String fresh(String source) {
    return "SELECT message_id, ts, body, row_number() OVER (ORDER BY ord) AS rank FROM ("
        + "SELECT DISTINCT ON (n.message_id) n.message_id, n.ts, n.body, n.ord FROM " + source
        + " WHERE NOT EXISTS (SELECT 1 FROM " + messages + " m WHERE m.conversation_id = ?"
        + " AND m.message_id = n.message_id COLLATE \"C\" OFFSET 0)"
        + " ORDER BY n.message_id, n.ord) d";
  }

  /**
   * The one-statement append of a call of {@code messages} messages: their values bound one by
   * one up to {@link #INLINE_MESSAGES}, as arrays otherwise ({@link ConversationRows#bindNew}).
   */
  String append(int messages) {
    return append[inline(messages) ? messages : 0];
  }

  /** Whether {@link #append(int)} binds a call of this many messages one by one. */
  static boolean inline(int messages) {
    return messages > 0 && messages <= INLINE_MESSAGES;
  }

  /**
   * An append in one autocommit statement, for the common case: returns the message count, or
   * nothing when the case is not common, having changed nothing; the locked transaction ({@link
   * #lockHeader}, {@link #create}, {@link #appendMessages}) then does the append.
   *
   * <p>The common case is a call whose messages are all new, to a visible conversation or to one
   * that does not exist yet. {@code bumped} updates a visible row, provided none of the call's ids
   * is held in the statement's snapshot: it waits for a concurrent writer of the row and then
   * counts from the latest version, so the numbers below the new counter are this call's alone.
   * {@code created} inserts the row with its final counter when there was none to bump; a
   * concurrent creator that got there first is a conflict, and then nothing is written. The
   * snapshot is older than the row once the statement had to wait for it, so the snapshot's
   * answer to "is this id new?" is not the last word: the unique index is. An id that another
   * writer committed meanwhile, or one repeated within the call, fails the insert with a unique
   * violation, which undoes the whole statement ({@code 23505}, for the caller to fall back on).
   *
   * <p>Parameters: the call's size, updateTimestamp, now, now, id, now, id, the ids of {@code
   * probe}; id, now, now, expiry if created, TTL if created, the call's size; id, the call's
   * size, those of {@code source}.
   */
  private String appendStatement(String probe, String source) {
    return "WITH bumped AS (UPDATE " + conversations + " AS t"
        + " SET message_count = t.message_count + ?,"
        + " updated_at = CASE WHEN ? THEN ? ELSE t.updated_at END,"
        + " expires_at = ? + t.ttl_micros"
        + " WHERE t.id = ? AND (t.expires_at IS NULL OR t.expires_at > ?)"
        + " AND NOT EXISTS (SELECT 1 FROM " + messages + " m WHERE m.conversation_id = ?"
        + " AND m.message_id " + probe + ")"
        + " RETURNING t.message_count),"
        + " created AS (INSERT INTO " + conversations + " (id, created_at, updated_at,"
        + " expires_at, ttl_micros, message_count, metadata, metadata_jsonb)"
        + " SELECT ?, ?, ?, ?, ?, ?, '{}', '{}' WHERE NOT EXISTS (SELECT 1 FROM bumped)"
        + " ON CONFLICT (id) DO NOTHING RETURNING message_count),"
        + " head AS (SELECT message_count FROM bumped"
        + " UNION ALL SELECT message_count FROM created),"
        + " added AS (INSERT INTO " + messages + " (conversation_id, seq, message_id, ts, body)"
        + " SELECT ?, h.message_count - ? + n.ord, n.message_id, n.ts, n.body FROM head h, "
        + source + ")"
        + " SELECT message_count FROM head";
  }
}
