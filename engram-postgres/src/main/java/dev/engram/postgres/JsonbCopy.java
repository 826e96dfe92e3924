package dev.engram.postgres;

import dev.engram.spi.EncodedValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where PostgreSQL's {@code jsonb} can stand in for a JSON value, and where it cannot.
 *
 * <p>Two things Engram accepts have no jsonb form: the escape {@code \u0000} (jsonb stores strings
 * as text, which cannot hold NUL, so the cast fails) and numbers beyond {@code numeric}'s range
 * (more than {@value #MAX_INTEGER_DIGITS} digits before the point or more than {@value
 * #MAX_SCALE} after it). A value holding either is stored without its jsonb copy and is never
 * narrowed by SQL: every search re-checks it in Java, which gives exact answers, only slower. A
 * filter operand holding either is not pushed down (it could not even be bound).
 *
 * <p>Everything else survives the cast with its meaning intact: jsonb keeps numbers as exact
 * {@code numeric} and strings as their code points, which is all filters look at. Key order and
 * number spelling, which jsonb does not keep, are read from the exact text instead.
 */
final class JsonbCopy {
  static final int MAX_INTEGER_DIGITS = 131_072;
  static final int MAX_SCALE = 16_383;

  private JsonbCopy() {}

  /**
   * Whether the stored value may get a jsonb copy for filtering.
   *
   * @param json the value's JSON text, as stored
   */
  static boolean filterable(String json, EncodedValue value) {
    // The text is searched for the escape itself: cheaper than walking the strings, and an
    // escaped backslash followed by "u0000" only costs that value its pushdown.
    return !json.contains("\\u0000") && representable(value.canonical());
  }

  /**
   * The JSON text to bind as a jsonb copy of {@code value} (conversation and checkpoint metadata),
   * or null where jsonb cannot hold it.
   */
  static @Nullable String copyOf(EncodedValue value) {
    String json = value.json();
    return filterable(json, value) ? json : null;
  }

  /** Whether a canonical JSON value holds nothing jsonb cannot represent. */
  static boolean representable(@Nullable Object value) {
    if (value instanceof String s) {
      return s.indexOf(0) < 0;
    }
    if (value instanceof BigDecimal d) {
      return fitsNumeric(d);
    }
    if (value instanceof BigInteger i) {
      return fitsNumeric(new BigDecimal(i));
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!representable(e.getKey()) || !representable(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!representable(element)) {
          return false;
        }
      }
      return true;
    }
    return true; // null, booleans, Integer, Long
  }

  private static boolean fitsNumeric(BigDecimal d) {
    return d.scale() <= MAX_SCALE && d.precision() - d.scale() <= MAX_INTEGER_DIGITS;
  }
}
