package dev.engram.sqlite;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.Filter;
import dev.engram.spi.SearchCommand;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filtered search and namespace listing.
 *
 * <p>Search reads candidates in result order from SQL (the BINARY collation orders text by code
 * point, as {@code TextOrder} does), with the filter pushed down as a superset prefilter (see
 * {@link FilterSql}). Every candidate is re-checked with {@link Filter#matches}, and the page is
 * cut in Java while the cursor is read lazily, so reading stops at the end of the page.
 */
final class SqliteSearch {
  private static final Logger log = LoggerFactory.getLogger(SqliteSearch.class);

  private final String storeName;
  private final ConnectionPool pool;

  SqliteSearch(String storeName, ConnectionPool pool) {
    this.storeName = storeName;
    this.pool = pool;
  }

  List<Item> search(SearchCommand command) throws SQLException {
    if (command.limit() <= 0) {
      return List.of();
    }
    if (!command.refreshTtl()) {
      return pool.read(c -> pushedDown(command, pushed -> query(c, command, pushed)).items());
    }
    // Reading and renewing in one transaction: no item can change between the two.
    return pool.transaction(
        c -> refresh(c, pushedDown(command, pushed -> query(c, command, pushed)), command.now()));
  }

  /** One page and the TTL (micros, or null) of each of its items. */
  private record Page(List<Item> items, List<Long> ttls) {}

  /** A query that runs with a compiled filter prefilter. */
  @FunctionalInterface
  interface Prefiltered<T> {
    T run(FilterSql.Compiled pushed) throws SQLException;
  }

  /**
   * Runs {@code query} with the command's filter pushed down, or without the pushdown when SQLite's
   * JSON parser refuses a stored value (e.g. nested deeper than its limit): the Java check alone
   * still gives the exact answer.
   */
  <T> T pushedDown(SearchCommand command, Prefiltered<T> query) throws SQLException {
    FilterSql.Compiled pushed = FilterSql.compile(command.filter());
    try {
      return query.run(pushed);
    } catch (SQLException e) {
      if (!pushed.sql().isEmpty() && String.valueOf(e.getMessage()).contains("JSON")) {
        log.warn("{} - filter pushdown failed, searching without it: {}", storeName,
            e.getMessage());
        return query.run(new FilterSql.Compiled("", List.of()));
      }
      throw e;
    }
  }

  /**
   * The conditions selecting the command's scope, to follow {@code WHERE}: visible at now, under
   * the prefix, the pushed-down filter. Bind them with {@link #bindScope}.
   */
  static String scopeSql(SearchCommand command, FilterSql.Compiled pushed) {
    return ItemSql.LIVE + (command.prefix().isRoot() ? "" : ItemSql.UNDER_PREFIX) + pushed.sql();
  }

  /** Binds the parameters of {@link #scopeSql} from index {@code i}; returns the next index. */
  static int bindScope(
      PreparedStatement ps, int i, SearchCommand command, FilterSql.Compiled pushed)
      throws SQLException {
    ps.setLong(i++, ItemRows.micros(command.now()));
    if (!command.prefix().isRoot()) {
      String p = command.prefix().toString();
      ps.setString(i++, p);
      ps.setString(i++, p + "/");
      ps.setString(i++, p);
      ps.setString(i++, p + ".");
    }
    for (Object bind : pushed.binds()) {
      switch (bind) {
        case String s -> ps.setString(i++, s);
        case Long l -> ps.setLong(i++, l);
        case Double d -> ps.setDouble(i++, d);
        default -> throw new IllegalStateException("unexpected bind " + bind.getClass());
      }
    }
    return i;
  }

  private static Page query(SqliteConnection c, SearchCommand command, FilterSql.Compiled pushed)
      throws SQLException {
    Filter filter = command.filter();
    boolean exactInSql = filter.isEmpty();
    StringBuilder sql =
        new StringBuilder(ItemSql.SEARCH_HEAD).append(scopeSql(command, pushed))
            .append(ItemSql.SEARCH_ORDER);
    if (exactInSql) {
      // Without a filter SQL knows the page exactly and skips the offset without reading values.
      sql.append(" LIMIT ? OFFSET ?");
    }
    PreparedStatement ps = c.prepare(sql.toString());
    int i = bindScope(ps, 1, command, pushed);
    if (exactInSql) {
      ps.setInt(i++, command.limit());
      ps.setInt(i, command.offset());
    }
    List<Item> items = new ArrayList<>();
    List<Long> ttls = new ArrayList<>();
    int toSkip = exactInSql ? 0 : command.offset();
    try (ResultSet rs = ps.executeQuery()) {
      while (items.size() < command.limit() && rs.next()) {
        Map<String, Object> value = ItemRows.value(rs);
        if (!filter.matches(value)) {
          continue;
        }
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        items.add(ItemRows.item(rs, Namespace.parse(rs.getString(1)), rs.getString(2), value));
        long ttl = rs.getLong(8);
        ttls.add(rs.wasNull() ? null : ttl);
      }
    }
    return new Page(items, ttls);
  }

  /** Renews the expiry of the page's items that have a TTL, in the store and in the result. */
  private static List<Item> refresh(SqliteConnection c, Page page, Instant now)
      throws SQLException {
    List<Item> result = new ArrayList<>(page.items().size());
    long nowMicros = ItemRows.micros(now);
    for (int i = 0; i < page.items().size(); i++) {
      Item item = page.items().get(i);
      Long ttl = page.ttls().get(i);
      if (ttl == null) {
        result.add(item);
        continue;
      }
      long expires = Math.addExact(nowMicros, ttl);
      PreparedStatement ps = c.prepare(ItemSql.SET_EXPIRY);
      ps.setLong(1, expires);
      ps.setString(2, item.namespace().toString());
      ps.setString(3, item.key());
      ps.executeUpdate();
      result.add(
          new Item(item.namespace(), item.key(), item.value(), item.createdAt(), item.updatedAt(),
              ItemRows.instant(expires), item.version()));
    }
    return result;
  }

  /** The namespaces under {@code prefix} holding a visible item; see {@link ItemSql}. */
  List<Namespace> namespaces(Namespace prefix, long nowMicros) throws SQLException {
    return pool.read(
        c -> {
          List<Namespace> found = new ArrayList<>();
          String lo;
          String hi;
          if (prefix.isRoot()) {
            lo = null;
            hi = null;
          } else {
            String p = prefix.toString();
            PreparedStatement self = c.prepare(ItemSql.NAMESPACE_LIVE);
            self.setString(1, p);
            self.setLong(2, nowMicros);
            try (ResultSet rs = self.executeQuery()) {
              if (rs.next()) {
                found.add(prefix);
              }
            }
            lo = p + ".";
            hi = p + "/";
          }
          String after = null;
          while (true) {
            PreparedStatement ps;
            int i = 1;
            if (hi == null) {
              ps = c.prepare(ItemSql.NEXT_NAMESPACE);
              // Namespaces are never empty, so "" is below all of them.
              ps.setString(i++, after == null ? "" : after);
            } else {
              ps = c.prepare(after == null ? ItemSql.FIRST_NAMESPACE_IN : ItemSql.NEXT_NAMESPACE_IN);
              ps.setString(i++, after == null ? lo : after);
              ps.setString(i++, hi);
            }
            ps.setLong(i, nowMicros);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return found;
              }
              after = rs.getString(1);
            }
            found.add(Namespace.parse(after));
          }
        });
  }
}
