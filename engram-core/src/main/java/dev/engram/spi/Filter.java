package dev.engram.spi;

import dev.engram.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated store filter: a conjunction of {@link Condition}s. Parse once with {@link
 * #parse}; {@link #matches} is the reference meaning that backends pushing filters down must
 * reproduce exactly.
 *
 * <p>The JSON form: each key is a field path (dots step into nested objects). A bare value means
 * {@code $eq}; an object whose keys all start with {@code $} holds operators (several are ANDed); an
 * object with no {@code $} keys is compared for equality as a whole.
 */
public final class Filter {
  private static final Filter ALL = new Filter(List.of());

  private final List<Condition> conditions;

  private Filter(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** The filter that matches everything. */
  public static Filter all() {
    return ALL;
  }

  /**
   * Parses and validates a filter.
   *
   * @throws InvalidInputException naming the field and operator at fault
   */
  public static Filter parse(@Nullable Map<String, Object> json) {
    if (json == null || json.isEmpty()) {
      return ALL;
    }
    Map<String, Object> canonical = JsonCodec.encode(json, "filter").canonical();
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> e : canonical.entrySet()) {
      List<String> path = path(e.getKey());
      if (e.getValue() instanceof Map<?, ?> spec && isOperatorObject(e.getKey(), spec)) {
        for (Map.Entry<?, ?> op : spec.entrySet()) {
          conditions.add(condition(path, (String) op.getKey(), op.getValue()));
        }
      } else {
        conditions.add(new Condition(path, Operator.EQ, e.getValue()));
      }
    }
    return new Filter(List.copyOf(conditions));
  }

  private static List<String> path(String key) {
    if (key.startsWith("$")) {
      throw new InvalidInputException(
          "unknown filter operator \"" + key + "\" at the top level; operators go inside a field,"
              + " e.g. {\"age\": {\"$gt\": 30}}; supported: " + Operator.SUPPORTED);
    }
    List<String> path = Arrays.asList(key.split("\\.", -1));
    if (path.contains("")) {
      throw new InvalidInputException("filter field \"" + key + "\" has an empty path segment");
    }
    return List.copyOf(path);
  }

  private static boolean isOperatorObject(String field, Map<?, ?> spec) {
    long operators = spec.keySet().stream().filter(k -> ((String) k).startsWith("$")).count();
    if (operators > 0 && operators < spec.size()) {
      throw new InvalidInputException(
          "filter for \"" + field + "\" mixes operators and field names: " + spec.keySet());
    }
    return operators > 0;
  }

  private static Condition condition(List<String> path, String name, @Nullable Object operand) {
    String field = String.join(".", path);
    Operator op = Operator.fromJson(name);
    if (op == null) {
      throw new InvalidInputException(
          "unknown filter operator \"" + name + "\" on \"" + field + "\"; supported: "
              + Operator.SUPPORTED);
    }
    JsonValues.Kind kind = JsonValues.kind(operand);
    boolean ok =
        switch (op) {
          case EQ, NE -> true;
          case GT, GTE, LT, LTE -> kind == JsonValues.Kind.NUMBER || kind == JsonValues.Kind.STRING;
          case IN, NIN -> kind == JsonValues.Kind.ARRAY;
          case EXISTS -> kind == JsonValues.Kind.BOOLEAN;
        };
    if (!ok) {
      String expected =
          switch (op) {
            case IN, NIN -> "an array";
            case EXISTS -> "true or false";
            default -> "a number or a string";
          };
      throw new InvalidInputException(
          "filter operator " + name + " on \"" + field + "\" needs " + expected + ", was "
              + kind.description());
    }
    return new Condition(path, op, operand);
  }

  /** The conditions, all of which must hold. Empty for the match-all filter. */
  public List<Condition> conditions() {
    return conditions;
  }

  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  /** Whether the document satisfies every condition. */
  public boolean matches(Map<String, Object> document) {
    for (Condition c : conditions) {
      if (!c.matches(document)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Filter" + conditions;
  }
}
