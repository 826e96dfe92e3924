package dev.engram.spi;

import dev.engram.Item;
import dev.engram.TextOrder;
import java.util.Comparator;

/** An item and its score under one ranking. */
public record Ranked(Item item, double score) {
  /** Best score first, then namespace, then key: the order of every search by query. */
  public static final Comparator<Ranked> BEST_FIRST =
      Comparator.comparingDouble(Ranked::score)
          .reversed()
          .thenComparing(r -> r.item().namespace())
          .thenComparing(r -> r.item().key(), TextOrder.CODE_POINT);
}
