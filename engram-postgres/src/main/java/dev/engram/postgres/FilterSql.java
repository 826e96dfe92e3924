package dev.engram.postgres;

import dev.engram.spi.Condition;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Filter} into a SQL condition on {@code value_jsonb}, the database's parse of each
 * stored value.
 *
 * <p>Each translation means exactly what {@link Condition#matches} means, because jsonb agrees with
 * Engram's JSON model on everything a filter looks at:
 *
 * <ul>
 *   <li>Paths step into objects only: each segment is applied with {@code -> text}, which gives
 *       SQL NULL (a missing field) on arrays and scalars. ({@code #>} would index arrays with
 *       "0".)
 *   <li>Equality is jsonb equality: numbers compare as exact {@code numeric} (1 = 1.0, 2^70 + 1 is
 *       not 2^70), types never mix ("1" is not 1), objects compare regardless of key order and
 *       arrays element by element. {@code $ne} and {@code $nin} are the complement including a
 *       missing field ({@code IS DISTINCT FROM}).
 *   <li>Ordering tests the JSON type first, then compares numbers as jsonb ({@code numeric}, exact)
 *       and strings with {@code COLLATE "C"}, which is code point order whatever the database's
 *       default collation. Neither form can raise an error on a value of another type, whatever
 *       order PostgreSQL evaluates the two tests in.
 * </ul>
 *
 * <p>A condition is left out (the caller re-checks every row in Java) only when it could not even be
 * bound: a path segment or operand holding NUL, or an operand number beyond {@code numeric}. Rows
 * without a jsonb copy ({@link JsonbCopy}) always pass the SQL and are re-checked. Paths and
 * operands are always parameters; nothing from the filter is ever spliced into the SQL text.
 */
final class FilterSql {

  /**
   * The compiled condition.
   *
   * @param sql empty, or {@code " AND (...)"} to append to a WHERE clause
   * @param binds its parameters in order: {@code String} or {@code String[]} (a text array)
   * @param exact whether every condition was pushed, so that a row with a jsonb copy that the SQL
   *     returns certainly matches
   */
  record Compiled(String sql, List<Object> binds, boolean exact) {
    static final Compiled NOTHING = new Compiled("", List.of(), true);
  }

  /** The jsonb column conditions apply to: {@code value_jsonb} of items, {@code metadata_jsonb}. */
  private final String column;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> binds = new ArrayList<>();
  private boolean exact = true;

  private FilterSql(String column) {
    this.column = column;
  }

  static Compiled compile(Filter filter) {
    return compile(filter, "value_jsonb");
  }

  /**
   * As {@link #compile(Filter)}, on another jsonb column (a trusted identifier, never user input),
   * such as the metadata copy of conversations and checkpoints.
   */
  static Compiled compile(Filter filter, String column) {
    if (filter.isEmpty()) {
      return Compiled.NOTHING;
    }
    FilterSql compiler = new FilterSql(column);
    for (Condition c : filter.conditions()) {
      compiler.condition(c);
    }
    if (compiler.conditions.isEmpty()) {
      return new Compiled("", List.of(), compiler.exact);
    }
    String sql =
        " AND (" + column + " IS NULL OR (" + String.join(" AND ", compiler.conditions) + "))";
    return new Compiled(sql, List.copyOf(compiler.binds), compiler.exact);
  }

  private void condition(Condition c) {
    for (String segment : c.path()) {
      if (segment.indexOf(0) >= 0) {
        exact = false; // a text parameter cannot hold NUL
        return;
      }
    }
    if (!JsonbCopy.representable(c.operand())) {
      exact = false;
      return;
    }
    switch (c.operator()) {
      case EQ -> push(path(c) + " = CAST(? AS jsonb)", c, json(c.operand()));
      case NE -> push(path(c) + " IS DISTINCT FROM CAST(? AS jsonb)", c, json(c.operand()));
      case IN -> {
        String[] candidates = jsonArray(c.operand());
        if (candidates.length == 0) {
          conditions.add("false");
        } else {
          push(path(c) + " = ANY(CAST(? AS jsonb[]))", c, candidates);
        }
      }
      case NIN -> {
        String[] candidates = jsonArray(c.operand());
        if (candidates.length > 0) { // $nin [] matches everything: nothing to add
          String x = path(c);
          addPath(c);
          addPath(c);
          conditions.add("(" + x + " IS NULL OR NOT (" + x + " = ANY(CAST(? AS jsonb[]))))");
          binds.add(candidates);
        }
      }
      case EXISTS -> {
        conditions.add(path(c) + (Boolean.TRUE.equals(c.operand()) ? " IS NOT NULL" : " IS NULL"));
        addPath(c);
      }
      case GT, GTE, LT, LTE -> ordering(c);
    }
  }

  private void ordering(Condition c) {
    String op =
        switch (c.operator()) {
          case GT -> " > ";
          case GTE -> " >= ";
          case LT -> " < ";
          default -> " <= ";
        };
    String x = path(c);
    addPath(c);
    addPath(c);
    if (c.operand() instanceof String s) {
      // #>> '{}' is the scalar's text; it never fails, whatever the type turns out to be.
      conditions.add("(jsonb_typeof(" + x + ") = 'string' AND (" + x + " #>> '{}') COLLATE \"C\""
          + op + "?)");
      binds.add(s);
    } else {
      // Numbers of jsonb compare as numeric; comparing jsonb never fails either.
      conditions.add("(jsonb_typeof(" + x + ") = 'number' AND " + x + op + "CAST(? AS jsonb))");
      binds.add(json(c.operand()));
    }
  }

  /** Adds {@code expression} whose only parameters are the path, then {@code operand}. */
  private void push(String expression, Condition c, Object operand) {
    conditions.add(expression);
    addPath(c);
    binds.add(operand);
  }

  /** {@code (value_jsonb -> ? -> ?)}: one text parameter per segment. */
  private String path(Condition c) {
    StringBuilder sql = new StringBuilder("(").append(column);
    for (int i = 0; i < c.path().size(); i++) {
      sql.append(" -> CAST(? AS text)");
    }
    return sql.append(')').toString();
  }

  private void addPath(Condition c) {
    binds.addAll(c.path());
  }

  /**
   * The operand as JSON text for a jsonb parameter. Scalars are written here directly, since a
   * search compiles its filter every time and a JSON generator per operand is most of that cost;
   * arrays and objects go through the codec.
   */
  static String json(@Nullable Object operand) {
    if (operand == null) {
      return "null";
    }
    if (operand instanceof Boolean || operand instanceof Integer || operand instanceof Long
        || operand instanceof BigInteger) {
      return operand.toString();
    }
    if (operand instanceof BigDecimal d) {
      return d.toString(); // JSON number syntax, exponent included ("1E+400")
    }
    if (operand instanceof String s) {
      return quoted(s);
    }
    return JsonCodec.toJson(operand);
  }

  /** A JSON string literal: quote, backslash and control characters escaped, the rest as is. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String[] jsonArray(@Nullable Object operand) {
    List<?> list = (List<?>) operand;
    String[] texts = new String[list.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = json(list.get(i));
    }
    return texts;
  }
}
