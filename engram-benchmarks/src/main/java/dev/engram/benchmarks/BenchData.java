package dev.engram.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * The data set every benchmark uses, so Engram and its floor do the same work: {@value #ITEMS}
 * items spread over {@value #TENANTS} namespaces {@code bench.tenantN}, each value a small JSON
 * object with a number, a group, a name and a list.
 */
final class BenchData {
  static final int ITEMS = 10_000;
  static final int TENANTS = 100;
  /** The namespace the filtered search looks in (100 items, 10 of them match). */
  static final int SEARCH_TENANT = 7;
  static final int SEARCH_GROUP = 3;
  static final int SEARCH_LIMIT = 10;

  private BenchData() {}

  static List<String> namespaceLabels(int item) {
    return List.of("bench", "tenant" + (item % TENANTS));
  }

  static String namespaceText(int item) {
    return String.join(".", namespaceLabels(item));
  }

  static String key(int item) {
    return "item" + item;
  }

  static Map<String, Object> value(int item) {
    return Map.of(
        "n", item,
        "group", (item / TENANTS) % 10,
        "name", "item number " + item,
        "tags", List.of("alpha", "beta"));
  }

  /** The same value as JSON text, as an application using raw JDBC would write it. */
  static String valueJson(int item) {
    return "{\"n\":" + item + ",\"group\":" + ((item / TENANTS) % 10)
        + ",\"name\":\"item number " + item + "\",\"tags\":[\"alpha\",\"beta\"]}";
  }

  /** A cheap deterministic walk over all items, so runs touch keys in the same order. */
  static final class Cursor {
    private int next;

    int nextItem() {
      next = (next + 7919) % ITEMS;
      return next;
    }
  }
}
