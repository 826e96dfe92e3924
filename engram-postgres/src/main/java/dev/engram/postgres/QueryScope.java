package dev.engram.postgres;

import dev.engram.Namespace;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The items a search may return, as SQL on the item table: visible at now, under the prefix (whole
 * labels), and passing the filter pushed down as a superset ({@link FilterSql}). Rows the SQL
 * cannot decide alone (no jsonb copy, or a condition left out) carry their value so that the
 * caller checks them with {@link Filter#matches}.
 */
final class QueryScope {
  /** Rows per round trip when a result is read lazily (inside a transaction). */
  static final int FETCH_SIZE = 200;

  private final Namespace prefix;
  private final Filter filter;
  private final Instant now;
  private final String alias;
  private final FilterSql.Compiled pushed;

  /**
   * @param alias the item table's alias with its dot ({@code "i."}), or empty
   */
  QueryScope(Namespace prefix, Filter filter, Instant now, String alias) {
    this.prefix = prefix;
    this.filter = filter;
    this.now = now;
    this.alias = alias;
    this.pushed = FilterSql.compile(filter, alias + "value_jsonb");
  }

  FilterSql.Compiled pushed() {
    return pushed;
  }

  /** The condition, to follow {@code WHERE}; bind it with {@link #bind}. */
  String where() {
    String ns = alias + "namespace";
    StringBuilder sql = new StringBuilder("(").append(alias).append("expires_at IS NULL OR ")
        .append(alias).append("expires_at > ?)");
    if (!prefix.isRoot()) {
      // [p, p + "/") is one index range ('/' follows '.'); the residual test drops names such as
      // "p-x" that sort inside it without being p or below p.
      sql.append(" AND ").append(ns).append(" >= ? AND ").append(ns).append(" < ? AND (")
          .append(ns).append(" = ? OR ").append(ns).append(" >= ?)");
    }
    return sql.append(pushed.sql()).toString();
  }

  /**
   * Binds the parameters of {@link #where} from {@code first} on.
   *
   * @return the next parameter index
   */
  int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
    int i = first;
    ps.setLong(i++, ItemRows.micros(now));
    if (!prefix.isRoot()) {
      String p = prefix.toString();
      ps.setString(i++, p);
      ps.setString(i++, p + "/");
      ps.setString(i++, p);
      ps.setString(i++, p + ".");
    }
    return FilterBinds.bind(c, ps, i, pushed.binds());
  }

  /**
   * A column holding the value of rows the SQL did not decide, null for those it did: what {@link
   * #passes} needs, without sending every value.
   */
  String undecidedValue() {
    if (filter.isEmpty()) {
      return "NULL";
    }
    return pushed.exact()
        ? "CASE WHEN " + alias + "filterable THEN NULL ELSE " + alias + "value END"
        : alias + "value";
  }

  /** Whether a row passes, given its {@link #undecidedValue} (read as text or bytes). */
  boolean passes(byte @Nullable [] undecidedValue) {
    return undecidedValue == null
        || filter.matches(JsonCodec.parseObject(undecidedValue, "stored value"));
  }
}
