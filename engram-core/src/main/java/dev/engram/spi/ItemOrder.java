package dev.engram.spi;

import dev.engram.Item;
import dev.engram.TextOrder;
import java.util.Comparator;

/** The result order of a search without a query, shared by every backend. */
public final class ItemOrder {
  /** Newest {@code updatedAt} first, then namespace, then key (both by code point). */
  public static final Comparator<Item> NEWEST_FIRST =
      Comparator.comparing(Item::updatedAt)
          .reversed()
          .thenComparing(Item::namespace)
          .thenComparing(Item::key, TextOrder.CODE_POINT);

  private ItemOrder() {}
}
