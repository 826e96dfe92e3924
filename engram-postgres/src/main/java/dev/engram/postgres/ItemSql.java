package dev.engram.postgres;

/**
 * The statements on one schema's item table. Built once per store (the table name is part of the
 * text, so it cannot be bound); every value is a parameter. "Visible at now" is always {@code
 * (expires_at IS NULL OR expires_at > ?)} with the engine's now, never the database clock.
 */
final class ItemSql {
  static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
  /** The index columns of an item (see {@link Schema}), set by {@link IndexedEntries}. */
  static final String INDEX_COLUMNS_SET = "index_model = ?, index_fields = ?, index_words = ?";
  /** ifVersion n &gt; 0: the condition that only an existing visible row of version n is hit. */
  static final String VERSIONED = " WHERE namespace = ? AND key = ? AND version = ? AND " + LIVE;
  /** ifVersion 0: a conflicting row may only be replaced when it has expired. */
  static final String ONLY_EXPIRED =
      " WHERE t.expires_at IS NOT NULL AND t.expires_at <= EXCLUDED.updated_at";

  final String table;
  final String get;
  final String getRefreshing;
  final String upsert;
  final String createIfAbsent;
  final String replaceVersion;
  final String version;
  final String delete;
  final String deleteVersion;
  final String deleteExpired;
  final String refreshMany;
  final String listAll;
  final String listUnder;

  ItemSql(String schema) {
    table = Schema.quote(schema) + "." + Schema.ITEMS;
    get = "SELECT " + ItemRows.COLUMNS + " FROM " + table
        + " WHERE namespace = ? AND key = ? AND " + LIVE;

    // One statement: renews the expiry when the visible item has a TTL (a write), otherwise just
    // reads it; the read branch is skipped when the renewal returned the row.
    getRefreshing =
        "WITH renewed AS (UPDATE " + table + " SET expires_at = ? + ttl_micros"
            + " WHERE namespace = ? AND key = ? AND ttl_micros IS NOT NULL AND expires_at > ?"
            + " RETURNING " + ItemRows.COLUMNS + ")"
            + " SELECT " + ItemRows.COLUMNS + " FROM renewed"
            + " UNION ALL SELECT " + ItemRows.COLUMNS + " FROM " + table
            + " WHERE namespace = ? AND key = ? AND " + LIVE
            + " AND NOT EXISTS (SELECT 1 FROM renewed)";

    upsert = insert(false) + " RETURNING created_at, version";
    // ifVersion 0: a visible conflicting row makes the statement return nothing: the conflict.
    createIfAbsent = insert(false) + ONLY_EXPIRED + " RETURNING created_at, version";
    // ifVersion n > 0: only an existing visible row of that version is replaced, never created.
    replaceVersion = replace(false) + VERSIONED + " RETURNING created_at, version";

    version = "SELECT version FROM " + table + " WHERE namespace = ? AND key = ? AND " + LIVE;
    // Removes the row whatever its expiry (an expired row is garbage) and tells which it was.
    delete = "DELETE FROM " + table + " WHERE namespace = ? AND key = ? RETURNING expires_at";
    deleteVersion =
        "DELETE FROM " + table + " WHERE namespace = ? AND key = ? AND version = ? AND " + LIVE;

    // One short statement per round: the subquery walks the expiry index oldest first and locks
    // what it picks, and the delete finds those rows by primary key (by key rather than by ctid,
    // which is not unique once an administrator partitions the table). The lock re-checks the
    // expiry on the row's latest version, so an item renewed or replaced meanwhile is left alone,
    // and SKIP LOCKED lets the sweepers of several processes share the work instead of queueing on
    // each other's rows, and never makes a sweep wait for a writer.
    deleteExpired =
        "DELETE FROM " + table + " WHERE (namespace, key) IN (SELECT namespace, key FROM " + table
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)";

    // Renews the page of a refreshing search in one statement. Rows are locked in key order first,
    // so two such searches over the same items cannot deadlock.
    refreshMany =
        "WITH target AS (SELECT t.namespace, t.key FROM " + table + " t"
            + " JOIN unnest(?::text[], ?::text[]) AS p(namespace, key)"
            + " ON t.namespace = p.namespace AND t.key = p.key"
            + " WHERE t.ttl_micros IS NOT NULL AND t.expires_at > ?"
            + " ORDER BY t.namespace, t.key FOR UPDATE OF t)"
            + " UPDATE " + table + " AS t SET expires_at = ? + t.ttl_micros FROM target"
            + " WHERE t.namespace = target.namespace AND t.key = target.key"
            + " AND t.expires_at > ?"
            + " RETURNING t.namespace, t.key, t.value, t.created_at, t.updated_at,"
            + " t.expires_at, t.version";

    // Namespace listing is a loose index scan: the recursive query seeks the primary key once per
    // distinct namespace, each seek jumping past every row of the namespace found before, so it
    // costs one seek per namespace, not a scan of the items. Expired rows not yet swept are
    // stepped over by the same seek. listUnder covers p itself and the range [p., p/), which
    // holds exactly the namespaces below p; names such as "p-x" are never visited.
    String live = "(i.expires_at IS NULL OR i.expires_at > ?)";
    String next = " UNION ALL SELECT (SELECT i.namespace FROM " + table + " i"
        + " WHERE i.namespace > f.namespace%s AND " + live
        + " ORDER BY i.namespace LIMIT 1) FROM found f WHERE f.namespace IS NOT NULL)";
    listAll =
        "WITH RECURSIVE found(namespace) AS ((SELECT i.namespace FROM " + table + " i"
            + " WHERE " + live + " ORDER BY i.namespace LIMIT 1)" + next.formatted("")
            + " SELECT namespace FROM found WHERE namespace IS NOT NULL";
    listUnder =
        "WITH RECURSIVE found(namespace) AS ((SELECT i.namespace FROM " + table + " i"
            + " WHERE i.namespace >= ? AND i.namespace < ? AND " + live
            + " ORDER BY i.namespace LIMIT 1)" + next.formatted(" AND i.namespace < ?")
            + " (SELECT i.namespace FROM " + table + " i WHERE i.namespace = ? AND " + live
            + " LIMIT 1) UNION ALL SELECT namespace FROM found WHERE namespace IS NOT NULL";
  }

  /**
   * Creates or replaces in one statement. The row of an expired item counts as absent (fresh
   * version 1 and creation time). SET expressions see the row as it was, and EXCLUDED.updated_at
   * is now. With {@code indexed}, the index columns follow the eight others.
   */
  String insert(boolean indexed) {
    return "INSERT INTO " + table + " AS t (namespace, key, value, filterable, created_at,"
        + " updated_at, expires_at, ttl_micros, version"
        + (indexed ? ", index_model, index_fields, index_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1,"
            + " ?, ?, ?)" : ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")
        + " ON CONFLICT (namespace, key) DO UPDATE SET"
        + " value = EXCLUDED.value, filterable = EXCLUDED.filterable,"
        + " created_at = CASE WHEN t.expires_at IS NULL OR t.expires_at > EXCLUDED.updated_at"
        + " THEN t.created_at ELSE EXCLUDED.created_at END,"
        + " version = CASE WHEN t.expires_at IS NULL OR t.expires_at > EXCLUDED.updated_at"
        + " THEN t.version + 1 ELSE 1 END,"
        + " updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at,"
        + " ttl_micros = EXCLUDED.ttl_micros"
        + (indexed ? ", index_model = EXCLUDED.index_model, index_fields = EXCLUDED.index_fields,"
            + " index_words = EXCLUDED.index_words" : "");
  }

  /** The SET part of a versioned replacement: five parameters, then the index columns' three. */
  String replace(boolean indexed) {
    return "UPDATE " + table + " SET value = ?, filterable = ?, updated_at = ?, expires_at = ?,"
        + " ttl_micros = ?, version = version + 1" + (indexed ? ", " + INDEX_COLUMNS_SET : "");
  }
}
