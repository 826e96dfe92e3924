package dev.engram.postgres;

import dev.engram.spi.QueryCommand;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector ranking, as {@link dev.engram.spi.ExactQuery} defines it: each item in scope with
 * entries of the query's model scores the best cosine similarity between the query vector and
 * those entries.
 */
sealed interface VectorRanking permits BytesVectorRanking, PgVectorRanking {

  /**
   * At least the first {@code want} places of the ranking, or all of it when it is shorter;
   * approximate where an index answers.
   */
  Ranking top(Connection c, QueryScope scope, QueryCommand command, long want)
      throws SQLException;

  /** The whole ranking, exact. */
  Ranking all(Connection c, QueryScope scope, QueryCommand command) throws SQLException;

  /** Keeps each item's best similarity over the entry rows of a ranking query. */
  final class BestPerItem {
    private final QueryScope scope;
    private final Map<String, Hit> best = new LinkedHashMap<>();
    private final Map<String, Boolean> passes = new HashMap<>();
    private long rows;

    BestPerItem(QueryScope scope) {
      this.scope = scope;
    }

    /** One entry row: its item, the item's undecided value ({@link QueryScope}), its score. */
    void add(String namespace, String key, byte[] undecidedValue, double similarity) {
      rows++;
      String address = Hit.address(namespace, key);
      if (passes.computeIfAbsent(address, a -> scope.passes(undecidedValue))) {
        Hit hit = new Hit(namespace, key, similarity);
        best.merge(address, hit, (a, b) -> a.score() >= b.score() ? a : b);
      }
    }

    /** How many entry rows were added. */
    long rows() {
      return rows;
    }

    /** How many items passed. */
    int items() {
      return best.size();
    }

    Ranking ranking(boolean complete) {
      List<Hit> hits = new ArrayList<>(best.values());
      hits.sort(Hit.BEST_FIRST);
      return new Ranking(hits, complete);
    }
  }
}
