package dev.engram.postgres;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.Filter;
import dev.engram.spi.SearchCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Filtered search and namespace listing.
 *
 * <p>Search reads candidates in result order ({@code updated_at DESC, namespace, key}, text in
 * code point order) with the filter pushed down ({@link FilterSql}). Without a filter SQL knows the
 * exact page and applies LIMIT and OFFSET itself. With one, a row may still need the Java check
 * (a value without a jsonb copy, or a condition that could not be pushed), so the page is counted
 * in Java: the first query asks for {@code offset + limit} rows, which is exactly enough whenever
 * every returned row matches; only when some did not, and more may follow, is the query run again
 * as a cursor read lazily in one transaction until the page is full. Either way the page is exact
 * at any depth.
 */
final class PostgresSearch {
  /** Rows per round trip when the cursor has to be read lazily. */
  private static final int FETCH_SIZE = 200;

  private static final String ORDER = " ORDER BY updated_at DESC, namespace, key";

  private final Connections connections;
  private final ItemSql sql;

  PostgresSearch(Connections connections, ItemSql sql) {
    this.connections = connections;
    this.sql = sql;
  }

  List<Item> search(SearchCommand command) throws SQLException {
    if (command.limit() <= 0) {
      return List.of();
    }
    FilterSql.Compiled pushed = FilterSql.compile(command.filter());
    long window = (long) command.offset() + command.limit();
    Page page = connections.run(c -> scan(c, command, pushed, window));
    if (page == null) {
      page = connections.transaction(c -> scan(c, command, pushed, null));
    }
    return command.refreshTtl() ? refresh(page, command) : page.items();
  }

  /** One page, and the TTL in microseconds (or null) of each of its items. */
  private record Page(List<Item> items, List<Long> ttls) {}

  /**
   * Runs the search query and counts the page in Java.
   *
   * @param window the LIMIT of the query, or null to read a cursor to the end if need be (needs a
   *     transaction)
   * @return the page, or null when a bounded query ran into its LIMIT before filling the page
   *     (some rows failed the check), so that rows beyond the LIMIT may still belong to it
   */
  private @Nullable Page scan(
      Connection c, SearchCommand command, FilterSql.Compiled pushed, @Nullable Long window)
      throws SQLException {
    Filter filter = command.filter();
    boolean sqlPages = filter.isEmpty();
    StringBuilder text =
        new StringBuilder("SELECT ")
            .append(ItemRows.COLUMNS)
            .append(", ttl_micros, filterable FROM ")
            .append(sql.table)
            .append(" WHERE ")
            .append(ItemSql.LIVE);
    Namespace prefix = command.prefix();
    if (!prefix.isRoot()) {
      // [p, p + "/") is one index range ('/' follows '.'); the residual test drops names such as
      // "p-x" that sort inside it without being p or below p.
      text.append(" AND namespace >= ? AND namespace < ? AND (namespace = ? OR namespace >= ?)");
    }
    text.append(pushed.sql()).append(ORDER);
    if (window != null) {
      text.append(sqlPages ? " LIMIT ? OFFSET ?" : " LIMIT ?");
    }
    try (PreparedStatement ps = c.prepareStatement(text.toString())) {
      int i = 1;
      ps.setLong(i++, ItemRows.micros(command.now()));
      if (!prefix.isRoot()) {
        String p = prefix.toString();
        ps.setString(i++, p);
        ps.setString(i++, p + "/");
        ps.setString(i++, p);
        ps.setString(i++, p + ".");
      }
      i = FilterBinds.bind(c, ps, i, pushed.binds());
      if (window != null) {
        if (sqlPages) {
          ps.setInt(i++, command.limit());
          ps.setInt(i, command.offset());
        } else {
          ps.setLong(i, window);
        }
      } else {
        ps.setFetchSize(FETCH_SIZE);
      }
      return read(ps, command, pushed, sqlPages, window);
    }
  }

  private static @Nullable Page read(
      PreparedStatement ps, SearchCommand command, FilterSql.Compiled pushed, boolean sqlPages,
      @Nullable Long window) throws SQLException {
    List<Item> items = new ArrayList<>();
    List<Long> ttls = new ArrayList<>();
    int toSkip = sqlPages ? 0 : command.offset();
    long rows = 0;
    @Nullable Namespace namespace = null;
    try (ResultSet rs = ps.executeQuery()) {
      while (items.size() < command.limit() && rs.next()) {
        rows++;
        // The exact SQL already decided rows that have a jsonb copy: skipping one of those
        // needs no parsing.
        boolean decided = pushed.exact() && rs.getBoolean(9);
        if (toSkip > 0 && decided) {
          toSkip--;
          continue;
        }
        Map<String, Object> value = ItemRows.value(rs);
        if (!decided && !command.filter().matches(value)) {
          continue;
        }
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        String nsText = rs.getString(1);
        if (namespace == null || !namespace.toString().equals(nsText)) {
          // Consecutive rows often share a namespace (always, in a search of one): parse and
          // validate it once per run of them.
          namespace = Namespace.parse(nsText);
        }
        items.add(ItemRows.item(rs, namespace, rs.getString(2), value));
        long ttl = rs.getLong(8);
        ttls.add(rs.wasNull() ? null : ttl);
      }
    }
    boolean incomplete = window != null && !sqlPages && items.size() < command.limit()
        && rows >= window;
    return incomplete ? null : new Page(items, ttls);
  }

  /** Renews the expiry of the page's items that have a TTL, in the store and in the result. */
  private List<Item> refresh(Page page, SearchCommand command) throws SQLException {
    List<String> namespaces = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < page.items().size(); i++) {
      if (page.ttls().get(i) != null) {
        namespaces.add(page.items().get(i).namespace().toString());
        keys.add(page.items().get(i).key());
      }
    }
    if (keys.isEmpty()) {
      return page.items();
    }
    long now = ItemRows.micros(command.now());
    Map<String, Item> renewed =
        connections.run(
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.refreshMany)) {
                ps.setArray(1, c.createArrayOf("text", namespaces.toArray()));
                ps.setArray(2, c.createArrayOf("text", keys.toArray()));
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setLong(5, now);
                Map<String, Item> byAddress = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    Item item = ItemRows.item(rs);
                    byAddress.put(address(item), item);
                  }
                }
                return byAddress;
              }
            });
    // As the reference does: each item as it is after its renewal, or as found if it has changed
    // or gone meanwhile.
    List<Item> result = new ArrayList<>(page.items().size());
    for (Item item : page.items()) {
      result.add(renewed.getOrDefault(address(item), item));
    }
    return result;
  }

  private static String address(Item item) {
    return item.namespace() + "\u0000" + item.key();
  }

  /** The namespaces under {@code prefix} holding a visible item; see {@link ItemSql#listAll}. */
  List<Namespace> namespaces(Namespace prefix, long nowMicros) throws SQLException {
    boolean root = prefix.isRoot();
    return connections.run(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(root ? sql.listAll : sql.listUnder)) {
            if (root) {
              ps.setLong(1, nowMicros);
              ps.setLong(2, nowMicros);
            } else {
              String p = prefix.toString();
              ps.setString(1, p + ".");
              ps.setString(2, p + "/");
              ps.setLong(3, nowMicros);
              ps.setString(4, p + "/");
              ps.setLong(5, nowMicros);
              ps.setString(6, p);
              ps.setLong(7, nowMicros);
            }
            List<Namespace> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(Namespace.parse(rs.getString(1)));
              }
            }
            // Already in code point order (COLLATE "C"); sorted again so that order is not left
            // to how the database happens to run a UNION ALL.
            found.sort(null);
            return found;
          }
        });
  }
}
