package dev.engram.sqlite;

import dev.engram.spi.Condition;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonValues;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Filter} into a SQL prefilter over the JSON text in {@code items.value}.
 *
 * <p>The SQL is a <em>superset</em>: it may let through rows that do not match (the caller checks
 * every row with {@link Filter#matches}), but must never drop a row that does. So each condition
 * is translated only where SQLite's JSON functions certainly agree with the reference meaning, and
 * otherwise left out (treated as true):
 *
 * <ul>
 *   <li>Numbers are compared as doubles, with bounds widened by a relative margin: SQLite parses
 *       decimals to doubles itself, possibly an ulp away from Java, and big integers lose digits.
 *       Widening makes strict operators non-strict, which a superset allows.
 *   <li>Strings compare with the BINARY collation, which is code-point order like {@code
 *       TextOrder}; operands containing NUL are left out, as are {@code $ne} and {@code $nin}
 *       (their complement includes missing fields and other types).
 *   <li>Paths are written {@code $."a"."b"}; a segment SQLite cannot quote faithfully (a quote,
 *       backslash or control character) leaves its condition out.
 * </ul>
 *
 * Paths and operands are always bound as parameters, never spliced into the SQL.
 */
final class FilterSql {
  /** Far above any rounding difference between SQLite's and Java's parsing of one number. */
  private static final double MARGIN = 1e-9;

  /**
   * The compiled prefilter.
   *
   * @param sql a boolean SQL expression, starting with {@code " AND "}, or empty for none
   * @param binds its parameters in order: String, Long or Double
   */
  record Compiled(String sql, List<Object> binds) {}

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> binds = new ArrayList<>();

  private FilterSql() {}

  static Compiled compile(Filter filter) {
    FilterSql compiler = new FilterSql();
    for (Condition c : filter.conditions()) {
      compiler.condition(c);
    }
    return new Compiled(compiler.sql.toString(), List.copyOf(compiler.binds));
  }

  private void condition(Condition c) {
    String path = jsonPath(c.path());
    if (path == null) {
      return;
    }
    StringBuilder expr = new StringBuilder();
    List<Object> args = new ArrayList<>();
    boolean pushed =
        switch (c.operator()) {
          case EQ -> equal(path, c.operand(), expr, args);
          case IN -> anyEqual(path, (List<?>) c.operand(), expr, args);
          case GT, GTE -> bound(path, c.operand(), true, expr, args);
          case LT, LTE -> bound(path, c.operand(), false, expr, args);
          case EXISTS -> {
            expr.append("json_type(value, ?) IS ")
                .append(Boolean.TRUE.equals(c.operand()) ? "NOT NULL" : "NULL");
            args.add(path);
            yield true;
          }
          // Their matches include missing fields and values of other types: nothing to narrow.
          case NE, NIN -> false;
        };
    if (pushed) {
      sql.append(" AND (").append(expr).append(')');
      binds.addAll(args);
    }
  }

  private static boolean anyEqual(
      String path, List<?> candidates, StringBuilder expr, List<Object> args) {
    if (candidates.isEmpty()) {
      expr.append('0');
      return true;
    }
    StringBuilder any = new StringBuilder();
    List<Object> anyArgs = new ArrayList<>();
    for (Object candidate : candidates) {
      if (!any.isEmpty()) {
        any.append(" OR ");
      }
      any.append('(');
      if (!equal(path, candidate, any, anyArgs)) {
        return false;
      }
      any.append(')');
    }
    expr.append(any);
    args.addAll(anyArgs);
    return true;
  }

  private static boolean equal(
      String path, @Nullable Object operand, StringBuilder expr, List<Object> args) {
    switch (JsonValues.kind(operand)) {
      case STRING -> {
        String s = (String) operand;
        if (s.indexOf(0) >= 0) {
          return false;
        }
        // json_extract gives SQL text only for a JSON string (or the JSON text of an object or
        // array, which then fails the recheck): no type test needed for a superset.
        expr.append("json_extract(value, ?) = ?");
        args.add(path);
        args.add(s);
        return true;
      }
      case NUMBER -> {
        double d = JsonValues.decimal((Number) operand).doubleValue();
        if (!Double.isFinite(d)) {
          return false;
        }
        expr.append(NUMBER_TYPE).append(" AND json_extract(value, ?) + 0.0 BETWEEN ? AND ?");
        args.add(path);
        args.add(path);
        args.add(lower(d));
        args.add(upper(d));
        return true;
      }
      case BOOLEAN -> {
        expr.append("json_type(value, ?) = '").append((Boolean) operand ? "true" : "false")
            .append('\'');
        args.add(path);
        return true;
      }
      case NULL -> {
        expr.append("json_type(value, ?) = 'null'");
        args.add(path);
        return true;
      }
      case OBJECT -> {
        expr.append("json_type(value, ?) = 'object'");
        args.add(path);
        return true;
      }
      case ARRAY -> {
        expr.append("json_type(value, ?) = 'array'");
        args.add(path);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static final String NUMBER_TYPE = "json_type(value, ?) IN ('integer', 'real')";

  /** {@code $gt}/{@code $gte} ({@code lowerBound}) or {@code $lt}/{@code $lte}, non-strict. */
  private static boolean bound(
      String path, @Nullable Object operand, boolean lowerBound, StringBuilder expr,
      List<Object> args) {
    String op = lowerBound ? " >= ?" : " <= ?";
    if (operand instanceof Number n) {
      double d = JsonValues.decimal(n).doubleValue();
      if (!Double.isFinite(d)) {
        return false;
      }
      expr.append(NUMBER_TYPE).append(" AND json_extract(value, ?) + 0.0").append(op);
      args.add(path);
      args.add(path);
      args.add(lowerBound ? lower(d) : upper(d));
      return true;
    }
    if (operand instanceof String s && s.indexOf(0) < 0) {
      expr.append("json_type(value, ?) = 'text' AND json_extract(value, ?)").append(op);
      args.add(path);
      args.add(path);
      args.add(s);
      return true;
    }
    return false;
  }

  private static double lower(double d) {
    return d - Math.abs(d) * MARGIN - Double.MIN_NORMAL;
  }

  private static double upper(double d) {
    return d + Math.abs(d) * MARGIN + Double.MIN_NORMAL;
  }

  /**
   * The SQLite JSON path {@code $."a"."b"}, or null when a segment cannot be quoted faithfully
   * (SQLite's path syntax has no escape for a double quote inside a quoted label).
   */
  static @Nullable String jsonPath(List<String> segments) {
    StringBuilder path = new StringBuilder("$");
    for (String segment : segments) {
      for (int i = 0; i < segment.length(); i++) {
        char ch = segment.charAt(i);
        if (ch == '"' || ch == '\\' || ch < 0x20 || ch == 0x7f) {
          return null;
        }
      }
      path.append(".\"").append(segment).append('"');
    }
    return path.toString();
  }
}
