package dev.engram.postgres;

/**
 * The statements on one schema's index entries and settings, and the item queries of reindexing.
 * Built once per store, for the way it stores vectors.
 */
final class IndexSql {
  final String entries;
  final String settings;

  /**
   * Two CTEs to append to a {@code WITH item AS (...)} that yields the item's address (nothing
   * when the item was not written): {@code stale} deletes the entries past the new count, {@code
   * fresh} writes the new ones over the old at the same positions. They touch different rows, so
   * their order does not matter; PostgreSQL runs them after the main statement, so an item's row
   * is always locked before its entries, as by a delete or a sweep (whose cascade takes entries
   * after the item), and writers of one item cannot deadlock.
   *
   * <p>Parameters: the number of entries, their paths, texts and tsvector texts as text arrays,
   * then the vectors ({@link VectorStorage#entryVector}).
   */
  final String replaceEntries;

  /** The three writes of a put that carries an index, each replacing the item's entries too. */
  final String upsert;
  final String createIfAbsent;
  final String replaceVersion;
  /** Replaces the index of the visible item of a version, the item itself unchanged. */
  final String reindex;

  final String readSetting;
  final String writeSetting;
  final String count;
  final String scanFirst;
  final String scanAfter;

  IndexSql(String schema, ItemSql itemSql, VectorStorage vectors) {
    String quoted = Schema.quote(schema);
    entries = quoted + "." + Schema.ENTRIES;
    settings = quoted + ".engram_settings";
    String items = quoted + "." + Schema.ITEMS;

    replaceEntries =
        ", stale AS (DELETE FROM " + entries + " e USING item WHERE e.namespace = item.namespace"
            + " AND e.key = item.key AND e.ord > ?)"
            + ", fresh AS (INSERT INTO " + entries
            + " (namespace, key, ord, path, text, words, embedding)"
            + " SELECT item.namespace, item.key, u.ord, u.path, u.text,"
            + " CAST(u.words AS tsvector), v.embedding FROM item,"
            + " unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
            + " WITH ORDINALITY AS u(path, text, words, ord),"
            + " LATERAL (SELECT " + vectors.entryVector() + ") AS v(embedding)"
            + " ON CONFLICT (namespace, key, ord) DO UPDATE SET path = EXCLUDED.path,"
            + " text = EXCLUDED.text, words = EXCLUDED.words, embedding = EXCLUDED.embedding)";

    // An unconditional put always writes, so its entries only need the address, and the item's
    // upsert stays the main statement, whose RETURNING a JDBC batch can collect. A conditional
    // one writes entries only when the item's write returned its row.
    String byAddress = "WITH item AS (SELECT CAST(? AS text) AS namespace, CAST(? AS text) AS key)";
    String returned = " RETURNING namespace, key, created_at, version)";
    upsert = byAddress + replaceEntries + " " + itemSql.insert(true)
        + " RETURNING created_at, version";
    createIfAbsent = "WITH item AS (" + itemSql.insert(true) + ItemSql.ONLY_EXPIRED
        + returned + replaceEntries + " SELECT created_at, version FROM item";
    replaceVersion = "WITH item AS (" + itemSql.replace(true) + ItemSql.VERSIONED
        + returned + replaceEntries + " SELECT created_at, version FROM item";
    reindex = "WITH item AS (UPDATE " + items + " SET " + ItemSql.INDEX_COLUMNS_SET
        + ItemSql.VERSIONED + " RETURNING namespace, key)" + replaceEntries
        + " SELECT count(*) FROM item";

    readSetting = "SELECT value FROM " + settings + " WHERE name = ?";
    writeSetting = "INSERT INTO " + settings + " (name, value) VALUES (?, ?)"
        + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value";

    count = "SELECT count(*) FROM " + items + " WHERE " + ItemSql.LIVE;
    // Keyset paging along the primary key: (namespace, key) in code point order (COLLATE "C").
    String scan = "SELECT " + ItemRows.COLUMNS + ", index_model, index_fields FROM " + items
        + " WHERE " + ItemSql.LIVE + "%s ORDER BY namespace, key LIMIT ?";
    scanFirst = scan.formatted("");
    scanAfter = scan.formatted(" AND (namespace, key) > (?, ?)");
  }
}
