package dev.engram.postgres;

/**
 * The statements on one schema's conversation tables, built once per backend (table names cannot
 * be bound). "Visible at now" is {@link ItemSql#LIVE} with the engine's now; header queries select
 * {@link ConversationRows#HEADER} in that order.
 */
final class ConversationSql {
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

  ConversationSql(String schema) {
    String q = Schema.quote(schema);
    conversations = q + ".engram_conversations";
    messages = q + ".engram_messages";
    String columns = ConversationRows.HEADER;
    header = "SELECT " + columns + " FROM " + conversations + " WHERE id = ?";
    headerLive = header + " AND " + ItemSql.LIVE;

    // An append serialises on the conversation row: every writer of a conversation's messages
    // (append, save) holds this lock, which is what makes the counter a safe base for seq.
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

    // All messages of a call in one statement, numbered after the counter (first parameter) in
    // call order, leaving out ids the conversation holds: under the row lock nothing else can add
    // one meanwhile, so the numbers stay consecutive. ON CONFLICT is the unique index's last word.
    // Parameters: id, counter, ids[], timestamps[], bodies[], id.
    insertMessages =
        "INSERT INTO " + messages + " (conversation_id, seq, message_id, ts, body)"
            + " SELECT ?, ? + row_number() OVER (ORDER BY n.ord), n.message_id, n.ts, n.body"
            + " FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]))"
            + " WITH ORDINALITY AS n(message_id, ts, body, ord)"
            + " WHERE NOT EXISTS (SELECT 1 FROM " + messages + " m WHERE m.conversation_id = ?"
            + " AND m.message_id = n.message_id COLLATE \"C\")"
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
}
