package dev.engram.sqlite;

/**
 * The statements of the item table, kept as constants so each is prepared once per connection.
 * "Visible at now" is always {@code (expires_at IS NULL OR expires_at > ?)}.
 */
final class ItemSql {
  private ItemSql() {}

  static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  static final String GET =
      "SELECT " + ItemRows.COLUMNS + " FROM items WHERE namespace = ? AND key = ? AND " + LIVE;

  /** Renews the expiry of a visible item that has a TTL; returns it, or nothing. */
  static final String REFRESH =
      "UPDATE items SET expires_at = ? + ttl_micros"
          + " WHERE namespace = ? AND key = ? AND ttl_micros IS NOT NULL AND " + LIVE
          + " RETURNING " + ItemRows.COLUMNS;

  static final String VERSION =
      "SELECT version FROM items WHERE namespace = ? AND key = ? AND " + LIVE;

  /**
   * Creates or replaces in one statement. The row left behind by an expired item counts as absent
   * (fresh version 1 and creation time). SET expressions read the row as it was before the update,
   * so every CASE sees the old expiry. {@code excluded.updated_at} is now.
   */
  static final String UPSERT = upsert(false);

  /** {@link #UPSERT} that also records how the item is indexed: two more parameters. */
  static final String UPSERT_INDEXED = upsert(true);

  private static String upsert(boolean indexed) {
    return "INSERT INTO items (namespace, key, value, created_at, updated_at, expires_at,"
        + " ttl_micros, version" + (indexed ? ", index_model, index_fields" : "") + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, 1" + (indexed ? ", ?, ?" : "") + ")"
        + """
         ON CONFLICT (namespace, key) DO UPDATE SET
          value = excluded.value,
          created_at = CASE WHEN items.expires_at IS NULL OR items.expires_at > excluded.updated_at
                            THEN items.created_at ELSE excluded.created_at END,
          version = CASE WHEN items.expires_at IS NULL OR items.expires_at > excluded.updated_at
                         THEN items.version + 1 ELSE 1 END,
          updated_at = excluded.updated_at,
          expires_at = excluded.expires_at,
          ttl_micros = excluded.ttl_micros"""
        + (indexed
            ? ", index_model = excluded.index_model, index_fields = excluded.index_fields"
            : "")
        + " RETURNING created_at, version";
  }

  /** Removes the row whatever its expiry (an expired row is garbage) and tells which it was. */
  static final String DELETE =
      "DELETE FROM items WHERE namespace = ? AND key = ? RETURNING expires_at";

  static final String SET_EXPIRY =
      "UPDATE items SET expires_at = ? WHERE namespace = ? AND key = ?";

  /** One short transaction per batch: the subquery walks the expiry index, oldest first. */
  static final String DELETE_EXPIRED =
      "DELETE FROM items WHERE rowid IN"
          + " (SELECT rowid FROM items WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)";

  static final String SEARCH_HEAD = "SELECT " + ItemRows.COLUMNS + ", ttl_micros FROM items WHERE ";

  /**
   * Items in namespace p or below: the range [p, p/) is one index range ('/' follows '.'), and the
   * residual test drops names like "p-x" that fall inside it without being under p.
   */
  static final String UNDER_PREFIX =
      " AND namespace >= ? AND namespace < ? AND (namespace = ? OR namespace >= ?)";

  static final String SEARCH_ORDER = " ORDER BY updated_at DESC, namespace, key";

  // Namespace listing walks the primary-key index with one seek per distinct namespace (a loose
  // index scan): each query jumps past every row of the namespace found before. A namespaces
  // table kept by triggers would cost every put and still need this liveness test, since items
  // expire without any write.

  static final String NAMESPACE_LIVE =
      "SELECT 1 FROM items WHERE namespace = ? AND " + LIVE + " LIMIT 1";

  static final String FIRST_NAMESPACE_IN =
      "SELECT namespace FROM items WHERE namespace >= ? AND namespace < ? AND " + LIVE
          + " ORDER BY namespace LIMIT 1";

  static final String NEXT_NAMESPACE_IN =
      "SELECT namespace FROM items WHERE namespace > ? AND namespace < ? AND " + LIVE
          + " ORDER BY namespace LIMIT 1";

  static final String NEXT_NAMESPACE =
      "SELECT namespace FROM items WHERE namespace > ? AND " + LIVE
          + " ORDER BY namespace LIMIT 1";
}
