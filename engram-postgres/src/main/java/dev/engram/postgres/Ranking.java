package dev.engram.postgres;

import dev.engram.spi.RankFusion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One ranking of a search by query, best first.
 *
 * @param complete whether every item in scope that the ranking ranks is in {@code hits}; an
 *     approximate index search gives only the top of the ranking
 */
record Ranking(List<Hit> hits, boolean complete) {

  /**
   * Reciprocal rank fusion of a vector ranking and a complete keyword ranking, as {@link
   * RankFusion#fuse} computes it, when the first {@code pageEnd} places are certain; null when they
   * are not yet, because the vector ranking was cut short (then ask it for more).
   *
   * <p>Cut at depth D, the vector ranking can add at most {@code 1 / (K + D + 1)} to an item it
   * does not list. The top places are certain when each item in them is listed by the vector
   * ranking (so its score is exact) and no other item, with that bound added, could reach the
   * lowest score among them.
   */
  static @Nullable List<Hit> fuse(Ranking vector, Ranking keyword, long pageEnd) {
    Map<String, Hit> scored = new LinkedHashMap<>();
    for (Ranking ranking : List.of(vector, keyword)) {
      List<Hit> hits = ranking.hits();
      for (int i = 0; i < hits.size(); i++) {
        Hit hit = hits.get(i);
        double score = 1.0 / (RankFusion.K + i + 1);
        scored.merge(hit.address(), new Hit(hit.namespace(), hit.key(), score),
            (a, b) -> new Hit(a.namespace(), a.key(), a.score() + b.score()));
      }
    }
    List<Hit> fused = new ArrayList<>(scored.values());
    fused.sort(Hit.BEST_FIRST);
    if (vector.complete()) {
      return fused;
    }
    if (fused.size() < pageEnd) {
      return null; // items neither ranking listed may belong to the page
    }
    Set<String> exact = new HashSet<>();
    vector.hits().forEach(hit -> exact.add(hit.address()));
    double unlisted = 1.0 / (RankFusion.K + vector.hits().size() + 1);
    int end = (int) pageEnd;
    for (int i = 0; i < end; i++) {
      if (!exact.contains(fused.get(i).address())) {
        return null;
      }
    }
    double lowest = fused.get(end - 1).score();
    if (unlisted >= lowest) {
      return null;
    }
    for (int i = end; i < fused.size(); i++) {
      Hit hit = fused.get(i);
      if (!exact.contains(hit.address()) && hit.score() + unlisted >= lowest) {
        return null;
      }
    }
    return fused;
  }
}
