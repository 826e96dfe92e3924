package dev.engram.postgres;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.SearchCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
  private static final String ORDER = " ORDER BY updated_at DESC, namespace, key";

  private final Connections connections;
  private final ItemSql sql;
  private final Renewals renewals;

  PostgresSearch(Connections connections, ItemSql sql, Renewals renewals) {
    this.connections = connections;
    this.sql = sql;
    this.renewals = renewals;
  }

  List<Item> search(SearchCommand command) throws SQLException {
    if (command.limit() <= 0) {
      return List.of();
    }
    QueryScope scope = new QueryScope(command.prefix(), command.filter(), command.now(), "");
    long window = (long) command.offset() + command.limit();
    Page page = connections.run(c -> scan(c, command, scope, window));
    if (page == null) {
      page = connections.transaction(c -> scan(c, command, scope, null));
    }
    return command.refreshTtl()
        ? renewals.refresh(page.items(), page.ttls(), command.now())
        : page.items();
  }

  /** One page, and the TTL in microseconds (or null) of each of its items. */
  private record Page(List<Item> items, List<@Nullable Long> ttls) {}

  /**
   * Runs the search query and counts the page in Java.
   *
   * @param window the LIMIT of the query, or null to read a cursor to the end if need be (needs a
   *     transaction)
   * @return the page, or null when a bounded query ran into its LIMIT before filling the page
   *     (some rows failed the check), so that rows beyond the LIMIT may still belong to it
   */
  private @Nullable Page scan(
      Connection c, SearchCommand command, QueryScope scope, @Nullable Long window)
      throws SQLException {
    boolean sqlPages = command.filter().isEmpty();
    String text = "SELECT " + ItemRows.COLUMNS + ", ttl_micros, filterable FROM " + sql.table
        + " WHERE " + scope.where() + ORDER
        + (window == null ? "" : sqlPages ? " LIMIT ? OFFSET ?" : " LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(text)) {
      int i = scope.bind(c, ps, 1);
      if (window != null) {
        if (sqlPages) {
          ps.setInt(i++, command.limit());
          ps.setInt(i, command.offset());
        } else {
          ps.setLong(i, window);
        }
      } else {
        ps.setFetchSize(QueryScope.FETCH_SIZE);
      }
      return read(ps, command, scope.pushed(), sqlPages, window);
    }
  }

  private static @Nullable Page read(
      PreparedStatement ps, SearchCommand command, FilterSql.Compiled pushed, boolean sqlPages,
      @Nullable Long window) throws SQLException {
    List<Item> items = new ArrayList<>();
    List<@Nullable Long> ttls = new ArrayList<>();
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
