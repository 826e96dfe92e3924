package dev.engram.sqlite;

import dev.engram.Namespace;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.Vectors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The search rows of the file: how each item is indexed and its entries, reindexing's scans, and
 * the store's settings.
 */
final class IndexRecords {
  private IndexRecords() {}

  /** An item's index as recorded, and its expiry (what the search index needs). */
  record State(@Nullable Instant expiresAt, ItemIndex index) {}

  /**
   * Replaces the item's entries with {@code index}'s and logs the change for the search index; the
   * caller has written {@code index_model} and {@code index_fields}, in the same transaction.
   */
  static void replaceEntries(SqliteConnection c, Namespace namespace, String key, ItemIndex index)
      throws SQLException {
    String ns = namespace.toString();
    PreparedStatement delete = c.prepare(IndexSql.DELETE_ENTRIES);
    delete.setString(1, ns);
    delete.setString(2, key);
    delete.executeUpdate();
    if (!index.entries().isEmpty()) {
      PreparedStatement insert = c.prepare(IndexSql.INSERT_ENTRY);
      int ordinal = 0;
      for (IndexEntry entry : index.entries()) {
        insert.setString(1, ns);
        insert.setString(2, key);
        insert.setInt(3, ordinal++);
        insert.setString(4, entry.path());
        insert.setString(5, entry.text());
        insert.setBytes(6, Vectors.toBytes(entry.vector()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    PreparedStatement log = c.prepare(IndexSql.LOG_CHANGE);
    log.setString(1, ns);
    log.setString(2, key);
    log.executeUpdate();
  }

  /** Records how the item is indexed and replaces its entries (reindexing: the item stays). */
  static void setIndex(SqliteConnection c, Namespace namespace, String key, ItemIndex index)
      throws SQLException {
    PreparedStatement ps = c.prepare(IndexSql.SET_INDEX);
    ps.setString(1, index.model());
    ps.setString(2, fieldsColumn(index));
    ps.setString(3, namespace.toString());
    ps.setString(4, key);
    ps.executeUpdate();
    replaceEntries(c, namespace, key, index);
  }

  /** The {@code index_fields} column of an index: its own fields as a JSON array, or null. */
  static @Nullable String fieldsColumn(ItemIndex index) {
    return index.fields() == null ? null : JsonCodec.toJson(index.fields());
  }

  @SuppressWarnings("unchecked")
  static @Nullable List<String> fields(@Nullable String column) {
    return column == null ? null : (List<String>) JsonCodec.parse(column, "stored index fields");
  }

  /** How the item is indexed now, or null when it is gone or was never indexed. */
  static @Nullable State state(SqliteConnection c, Address address) throws SQLException {
    PreparedStatement ps = c.prepare(IndexSql.INDEX_STATE);
    ps.setString(1, address.namespace().toString());
    ps.setString(2, address.key());
    Instant expiresAt;
    String model;
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      long expires = rs.getLong(1);
      expiresAt = rs.wasNull() ? null : ItemRows.instant(expires);
      model = rs.getString(2);
    }
    if (model == null) {
      return null;
    }
    PreparedStatement entries = c.prepare(IndexSql.ENTRIES);
    entries.setString(1, address.namespace().toString());
    entries.setString(2, address.key());
    List<IndexEntry> found = new ArrayList<>();
    try (ResultSet rs = entries.executeQuery()) {
      while (rs.next()) {
        found.add(entry(rs, 1));
      }
    }
    return new State(expiresAt, new ItemIndex(model, null, found));
  }

  /** A page of visible items in primary-key order after the given one, with how each is indexed. */
  static List<IndexedItem> scan(
      SqliteConnection c, @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit,
      long nowMicros) throws SQLException {
    PreparedStatement ps =
        c.prepare(afterNamespace == null ? IndexSql.SCAN_FIRST : IndexSql.SCAN_AFTER);
    int i = 1;
    ps.setLong(i++, nowMicros);
    if (afterNamespace != null) {
      ps.setString(i++, afterNamespace.toString());
      ps.setString(i++, afterKey == null ? "" : afterKey);
    }
    ps.setInt(i, limit);
    List<IndexedItem> page = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        page.add(new IndexedItem(ItemRows.item(rs), rs.getString(8), fields(rs.getString(9))));
      }
    }
    return page;
  }

  static long countVisible(SqliteConnection c, long nowMicros) throws SQLException {
    PreparedStatement ps = c.prepare(IndexSql.COUNT_LIVE);
    ps.setLong(1, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static @Nullable String readSetting(SqliteConnection c, String name) throws SQLException {
    PreparedStatement ps = c.prepare(IndexSql.READ_SETTING);
    ps.setString(1, name);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static int writeSetting(SqliteConnection c, String name, String json) throws SQLException {
    PreparedStatement ps = c.prepare(IndexSql.WRITE_SETTING);
    ps.setString(1, name);
    ps.setString(2, json);
    return ps.executeUpdate();
  }

  /** The entry in columns path, text, vector starting at {@code column}. */
  static IndexEntry entry(ResultSet rs, int column) throws SQLException {
    return new IndexEntry(
        rs.getString(column), rs.getString(column + 1),
        Vectors.fromBytes(rs.getBytes(column + 2)));
  }
}
