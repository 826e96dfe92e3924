package dev.engram.spi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One test of a {@link Filter}: the value at {@code path} compared with {@code operand}. The
 * operand is canonical JSON; for {@code $in}/{@code $nin} it is a list, for {@code $exists} a
 * boolean, for ordering operators a number or a string.
 *
 * @param path the field names from the document root, e.g. {@code [profile, lang]}
 */
public record Condition(List<String> path, Operator operator, @Nullable Object operand) {

  private static final Object MISSING = new Object();

  /** Whether the document satisfies this condition (the meaning every backend must reproduce). */
  public boolean matches(Map<String, Object> document) {
    Object actual = resolve(document);
    boolean present = actual != MISSING;
    return switch (operator) {
      case EQ -> present && JsonValues.equal(actual, operand);
      case NE -> !(present && JsonValues.equal(actual, operand));
      case GT -> present && JsonValues.ordered(actual, operand) && JsonValues.compare(actual, operand) > 0;
      case GTE -> present && JsonValues.ordered(actual, operand) && JsonValues.compare(actual, operand) >= 0;
      case LT -> present && JsonValues.ordered(actual, operand) && JsonValues.compare(actual, operand) < 0;
      case LTE -> present && JsonValues.ordered(actual, operand) && JsonValues.compare(actual, operand) <= 0;
      case IN -> present && containsEqual(actual);
      case NIN -> !(present && containsEqual(actual));
      case EXISTS -> present == (Boolean) operand;
    };
  }

  private boolean containsEqual(@Nullable Object actual) {
    for (Object candidate : (List<?>) operand) {
      if (JsonValues.equal(actual, candidate)) {
        return true;
      }
    }
    return false;
  }

  private @Nullable Object resolve(Map<String, Object> document) {
    Object current = document;
    for (String field : path) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(field)) {
        return MISSING;
      }
      current = map.get(field);
    }
    return current;
  }

  /** The path written with dots, as in the filter. */
  public String dottedPath() {
    return String.join(".", path);
  }
}
