package dev.engram.postgres;

import dev.engram.Namespace;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to keep the search index: the store's settings, a scan of the items with
 * how each is indexed, their count, and the replacement of one item's index.
 */
final class PostgresIndexing {
  private final Connections connections;
  private final IndexSql sql;
  private final ItemWrites writes;
  private final SearchSetup setup;
  private final @Nullable PgVectorIndexes hnsw;
  /** Whether the cost of searching without pgvector has been told (at open, or since). */
  private final AtomicBoolean warned;

  PostgresIndexing(Connections connections, IndexSql sql, ItemWrites writes, SearchSetup setup,
      @Nullable PgVectorIndexes hnsw) {
    this.connections = connections;
    this.sql = sql;
    this.writes = writes;
    this.setup = setup;
    this.hnsw = hnsw;
    this.warned = new AtomicBoolean(setup.configured() || setup.withoutPgvector() == null);
  }

  /**
   * Makes sure the vectors of {@code index} have their HNSW index before they are written; a no-op
   * without pgvector or without entries.
   */
  void prepareFor(@Nullable ItemIndex index) throws SQLException {
    if (hnsw != null && index != null && !index.entries().isEmpty()) {
      hnsw.ensure(index.entries().get(0).vector().length);
    }
  }

  @Nullable String readSetting(String name) throws SQLException {
    return connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.readSetting)) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  void writeSetting(String name, String json) throws SQLException {
    connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.writeSetting)) {
        ps.setString(1, name);
        ps.setString(2, json);
        return ps.executeUpdate();
      }
    });
    if (name.equals(SearchSetup.INDEX_SETTING) && warned.compareAndSet(false, true)) {
      setup.warn();
    }
  }

  List<IndexedItem> scan(@Nullable Namespace afterNamespace, @Nullable String afterKey, int limit,
      Instant now) throws SQLException {
    boolean first = afterNamespace == null;
    return connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(first ? sql.scanFirst : sql.scanAfter)) {
        int i = 1;
        ps.setLong(i++, ItemRows.micros(now));
        if (!first) {
          ps.setString(i++, afterNamespace.toString());
          ps.setString(i++, afterKey);
        }
        ps.setInt(i, limit);
        List<IndexedItem> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String fields = rs.getString(9);
            items.add(new IndexedItem(
                ItemRows.item(rs), rs.getString(8), fields == null ? null : fields(fields)));
          }
        }
        return items;
      }
    });
  }

  long count(Instant now) throws SQLException {
    return connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.count)) {
        ps.setLong(1, ItemRows.micros(now));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  boolean reindex(Namespace namespace, String key, long version, ItemIndex index, Instant now)
      throws SQLException {
    prepareFor(index);
    return connections.run(c -> writes.reindex(c, namespace, key, version, index, now));
  }

  /** The item's own index paths, stored as a JSON array. */
  private static List<String> fields(String json) {
    List<String> fields = new ArrayList<>();
    for (Object field : (List<?>) JsonCodec.parse(json, "index fields")) {
      fields.add((String) field);
    }
    return List.copyOf(fields);
  }
}
