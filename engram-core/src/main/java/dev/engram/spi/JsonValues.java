package dev.engram.spi;

import dev.engram.TextOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Equality and ordering of canonical JSON values (see {@link JsonCodec}), as filters use them. */
public final class JsonValues {

  /** The JSON type of a value. */
  public enum Kind {
    NULL("null"),
    BOOLEAN("a boolean"),
    NUMBER("a number"),
    STRING("a string"),
    ARRAY("an array"),
    OBJECT("an object");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** For messages: "a number", "an array", ... */
    public String description() {
      return description;
    }
  }

  private JsonValues() {}

  public static Kind kind(@Nullable Object value) {
    if (value == null) {
      return Kind.NULL;
    } else if (value instanceof String) {
      return Kind.STRING;
    } else if (value instanceof Number) {
      return Kind.NUMBER;
    } else if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    } else if (value instanceof List<?>) {
      return Kind.ARRAY;
    } else if (value instanceof Map<?, ?>) {
      return Kind.OBJECT;
    }
    throw new IllegalArgumentException("not a canonical JSON value: " + value.getClass());
  }

  /** JSON equality: numbers by value (1 equals 1.0), objects regardless of key order. */
  public static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!equal(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** Whether ordering operators apply: both numbers, or both strings. */
  public static boolean ordered(@Nullable Object a, @Nullable Object b) {
    return (a instanceof Number && b instanceof Number)
        || (a instanceof String && b instanceof String);
  }

  /** Compares two values for which {@link #ordered} holds. */
  public static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y);
    }
    return TextOrder.compare((String) a, (String) b);
  }

  private static int compareNumbers(Number x, Number y) {
    if (isSmallInteger(x) && isSmallInteger(y)) {
      return Long.compare(x.longValue(), y.longValue());
    }
    return decimal(x).compareTo(decimal(y));
  }

  private static boolean isSmallInteger(Number n) {
    return n instanceof Integer || n instanceof Long;
  }

  /** A canonical number as an exact decimal. */
  public static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
