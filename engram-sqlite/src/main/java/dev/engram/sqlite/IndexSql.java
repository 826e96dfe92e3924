package dev.engram.sqlite;

/**
 * The statements of search indexing: each item's index entries, the change log the search index
 * catches up from, and the store's settings. See {@link Schema} version 3.
 */
final class IndexSql {
  private IndexSql() {}

  static final String SET_INDEX =
      "UPDATE items SET index_model = ?, index_fields = ? WHERE namespace = ? AND key = ?";

  static final String DELETE_ENTRIES = "DELETE FROM index_entries WHERE namespace = ? AND key = ?";

  static final String INSERT_ENTRY =
      "INSERT INTO index_entries (namespace, key, ordinal, path, text, vector)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  static final String LOG_CHANGE = "INSERT INTO index_changes (namespace, key) VALUES (?, ?)";

  static final String ENTRIES =
      "SELECT path, text, vector FROM index_entries WHERE namespace = ? AND key = ?"
          + " ORDER BY ordinal";

  /** How an item is indexed now, whatever its expiry: the index holds expired items until swept. */
  static final String INDEX_STATE =
      "SELECT expires_at, index_model FROM items WHERE namespace = ? AND key = ?";

  /** A visible item that search by query may return: it has index entries. */
  static final String GET_INDEXED =
      ItemSql.GET
          + " AND index_model IS NOT NULL AND EXISTS (SELECT 1 FROM index_entries e"
          + " WHERE e.namespace = items.namespace AND e.key = items.key)";

  static final String VISIBLE =
      "SELECT 1 FROM items WHERE namespace = ? AND key = ? AND " + ItemSql.LIVE;

  static final String CHANGES_AFTER =
      "SELECT seq, namespace, key FROM index_changes WHERE seq > ? ORDER BY seq LIMIT ?";

  static final String CHANGE_BOUNDS = "SELECT min(seq), max(seq) FROM index_changes";

  /** Keeps the last applied change, so a later open can tell whether the log still reaches it. */
  static final String PRUNE_CHANGES = "DELETE FROM index_changes WHERE seq < ?";

  static final String DATABASE_ID = "SELECT database_id FROM index_state";

  /** Every indexed item with its entries, for a rebuild: expired ones too, as in the index. */
  static final String ALL_ENTRIES =
      "SELECT i.namespace, i.key, i.expires_at, i.index_model, e.path, e.text, e.vector"
          + " FROM items i JOIN index_entries e ON e.namespace = i.namespace AND e.key = i.key"
          + " WHERE i.index_model IS NOT NULL ORDER BY i.namespace, i.key, e.ordinal";

  static final String READ_SETTING = "SELECT value FROM settings WHERE name = ?";

  static final String WRITE_SETTING =
      "INSERT INTO settings (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value";

  static final String COUNT_LIVE = "SELECT count(*) FROM items WHERE " + ItemSql.LIVE;

  private static final String SCAN_HEAD =
      "SELECT " + ItemRows.COLUMNS + ", index_model, index_fields FROM items WHERE "
          + ItemSql.LIVE;

  /** Reindexing's pages, in primary-key order. */
  static final String SCAN_FIRST = SCAN_HEAD + " ORDER BY namespace, key LIMIT ?";

  static final String SCAN_AFTER =
      SCAN_HEAD + " AND (namespace, key) > (?, ?) ORDER BY namespace, key LIMIT ?";
}
