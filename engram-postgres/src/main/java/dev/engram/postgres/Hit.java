package dev.engram.postgres;

import dev.engram.TextOrder;
import java.util.Comparator;

/**
 * An item found by a search by query, by address, and its score in one ranking: what the rankings
 * pass around before the page's items are read.
 *
 * @param namespace the namespace as dotted text
 */
record Hit(String namespace, String key, double score) {
  /** {@link dev.engram.spi.Ranked#BEST_FIRST}: best score first, then namespace, then key. */
  static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble(Hit::score)
          .reversed()
          .thenComparing(Hit::namespace, TextOrder.CODE_POINT)
          .thenComparing(Hit::key, TextOrder.CODE_POINT);

  /** Namespace and key as one map key. */
  String address() {
    return address(namespace, key);
  }

  static String address(String namespace, String key) {
    return namespace + "\u0000" + key;
  }
}
