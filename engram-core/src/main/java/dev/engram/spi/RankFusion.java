package dev.engram.spi;

import dev.engram.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion, the hybrid mode's ranking: an item scores the sum of {@code 1 / (K +
 * rank)} over the lists it appears in, ranks counted from 1.
 */
public final class RankFusion {
  public static final int K = 60;

  private RankFusion() {}

  /** Both lists fused, best first; each list must already be in {@link Ranked#BEST_FIRST} order. */
  public static List<Ranked> fuse(List<Ranked> vector, List<Ranked> keyword) {
    Map<String, Item> items = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<Ranked> list : List.of(vector, keyword)) {
      for (int i = 0; i < list.size(); i++) {
        Item item = list.get(i).item();
        String id = item.namespace() + "\u0000" + item.key();
        items.putIfAbsent(id, item);
        scores.merge(id, 1.0 / (K + i + 1), Double::sum);
      }
    }
    List<Ranked> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> fused.add(new Ranked(items.get(id), score)));
    fused.sort(Ranked.BEST_FIRST);
    return fused;
  }
}
