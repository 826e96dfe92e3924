package dev.engram.testkit;

import dev.engram.Namespace;
import dev.engram.PutOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short builders for the namespaces and JSON values the contracts use. */
public final class TestData {
  private TestData() {}

  /** A namespace from its labels. */
  public static Namespace ns(String... labels) {
    return Namespace.of(labels);
  }

  /**
   * A mutable JSON object from alternating keys and values, in order; values may be null (which
   * {@link Map#of} does not allow).
   */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("object(...) needs key/value pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A mutable JSON array; elements may be null. */
  public static List<Object> array(Object... elements) {
    return new ArrayList<>(Arrays.asList(elements));
  }

  /** Put options with a TTL. */
  public static PutOptions withTtl(Duration ttl) {
    return PutOptions.builder().ttl(ttl).build();
  }

  /** Put options with a version precondition (0: must not exist). */
  public static PutOptions ifVersion(long version) {
    return PutOptions.builder().ifVersion(version).build();
  }

  /** A string of {@code length} copies of {@code c}. */
  public static String repeat(char c, int length) {
    return String.valueOf(c).repeat(length);
  }
}
