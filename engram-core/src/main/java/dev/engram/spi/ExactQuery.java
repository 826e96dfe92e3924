package dev.engram.spi;

import dev.engram.Item;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference meaning of a search by query, computed exactly over every candidate: what memory
 * and Redis run, what PostgreSQL runs without pgvector, and what approximate indexes are tested
 * against. Costs one pass over the candidates' vectors and texts; a page by vector orders only the
 * candidates it needs.
 *
 * <ul>
 *   <li>vector: the best cosine similarity between the query vector and the item's entries of the
 *       query's model; every candidate with such an entry is ranked;
 *   <li>keyword: {@link Bm25} of the query's {@link Words#queryTerms terms} (stop words left out) over each item's texts taken as one
 *       document, with statistics over the indexed candidates; items without a query term are
 *       left out;
 *   <li>hybrid: {@link RankFusion} of the two complete lists.
 * </ul>
 */
public final class ExactQuery {

  /** A candidate in scope: visible, under the prefix, matching the filter. */
  public record Candidate(Item item, ItemIndex index) {}

  private ExactQuery() {}

  /** The requested page, best first; TTL refresh is left to the caller. */
  public static List<SearchItem> page(QueryCommand command, List<Candidate> candidates) {
    SearchCommand scope = command.scope();
    List<Ranked> ranked =
        command.mode() == SearchMode.VECTOR
            ? VectorRanking.of(command, candidates).best(scope.offset() + (long) scope.limit())
            : rank(command, candidates);
    return ranked.stream()
        .skip(scope.offset())
        .limit(scope.limit())
        .map(r -> new SearchItem(r.item(), r.score()))
        .toList();
  }

  /** Every matching candidate, best first. */
  public static List<Ranked> rank(QueryCommand command, List<Candidate> candidates) {
    return switch (command.mode()) {
      case VECTOR -> byVector(command, candidates);
      case KEYWORD -> byKeywords(command.text(), candidates);
      case HYBRID ->
          RankFusion.fuse(byVector(command, candidates), byKeywords(command.text(), candidates));
    };
  }

  static List<Ranked> byVector(QueryCommand command, List<Candidate> candidates) {
    return VectorRanking.of(command, candidates).best(Long.MAX_VALUE);
  }

  static List<Ranked> byKeywords(String text, List<Candidate> candidates) {
    Set<String> queryWords = Words.queryTerms(text);
    List<Map<String, Integer>> termCounts = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    Map<String, Integer> documentFrequency = new HashMap<>();
    long totalLength = 0;
    for (Candidate candidate : candidates) {
      if (candidate.index().entries().isEmpty()) {
        continue;
      }
      Map<String, Integer> counts = new HashMap<>();
      int length = 0;
      for (IndexEntry entry : candidate.index().entries()) {
        for (String word : Words.of(entry.text())) {
          length++;
          if (queryWords.contains(word)) {
            counts.merge(word, 1, Integer::sum);
          }
        }
      }
      counts.keySet().forEach(word -> documentFrequency.merge(word, 1, Integer::sum));
      termCounts.add(counts);
      lengths.add(length);
      items.add(candidate.item());
      totalLength += length;
    }
    int n = items.size();
    Bm25 bm25 = new Bm25(n, totalLength);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Integer> counts = termCounts.get(i);
      if (counts.isEmpty()) {
        continue;
      }
      double norm = bm25.norm(lengths.get(i));
      double score = 0;
      for (Map.Entry<String, Integer> term : counts.entrySet()) {
        score += bm25.term(term.getValue(), documentFrequency.get(term.getKey()), norm);
      }
      ranked.add(new Ranked(items.get(i), score));
    }
    ranked.sort(Ranked.BEST_FIRST);
    return ranked;
  }
}
