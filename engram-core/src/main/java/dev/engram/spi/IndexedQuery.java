package dev.engram.spi;

import dev.engram.Item;
import dev.engram.SearchItem;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndex.Hit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Runs a {@link QueryCommand} through a {@link SearchIndex}, with the backend's records as the
 * truth: the backend resolves a filter's candidates, and every hit is checked against the records
 * before it can be returned, so a stale index never shows an item that is gone, changed out of the
 * filter, or expired. When checking drops hits, the index is asked again, deeper, until the page
 * is full or the index has nothing more: offset and limit stay exact at any depth.
 *
 * <p>Hybrid fuses the two lists each taken to {@code offset + limit + } {@link RankFusion#K}: an
 * item beyond that depth in one list could add at most {@code 1 / (2K + offset + limit)} from it.
 */
public final class IndexedQuery {

  /** A backend's records, which have the last word on every hit. */
  public interface Records {
    /** Those of the items that are visible at the query's time and match its filter. */
    Map<Address, Item> load(Collection<Address> addresses);

    /**
     * Every item in the query's scope that is indexed: visible, under the prefix, matching the
     * filter. Asked only when the filter is not empty.
     */
    Set<Address> candidates();

    /** Those of the items that are visible at the query's time. */
    Set<Address> visible(Collection<Address> addresses);
  }

  private IndexedQuery() {}

  /** The requested page, best first; TTL refresh is left to the caller. */
  public static List<SearchItem> page(QueryCommand command, SearchIndex index, Records records) {
    SearchCommand scope = command.scope();
    if (scope.limit() <= 0) {
      return List.of();
    }
    Set<Address> candidates = scope.filter().isEmpty() ? null : records.candidates();
    if (candidates != null && candidates.isEmpty()) {
      return List.of();
    }
    SearchIndex.Scope within =
        new SearchIndex.Scope(scope.prefix(), candidates, scope.now(), records::visible);
    int wanted = saturatedSum(scope.offset(), scope.limit());
    List<Ranked> ranked =
        switch (command.mode()) {
          case VECTOR -> confirmed(wanted, vector(command, index, within), records);
          case KEYWORD -> confirmed(wanted, keyword(command, index, within), records);
          case HYBRID -> {
            int depth = saturatedSum(wanted, RankFusion.K);
            yield RankFusion.fuse(
                confirmed(depth, vector(command, index, within), records),
                confirmed(depth, keyword(command, index, within), records));
          }
        };
    return ranked.stream()
        .skip(scope.offset())
        .limit(scope.limit())
        .map(r -> new SearchItem(r.item(), r.score()))
        .toList();
  }

  private static IntFunction<List<Hit>> vector(
      QueryCommand command, SearchIndex index, SearchIndex.Scope scope) {
    float[] vector = command.vector();
    if (vector == null) {
      throw new IllegalArgumentException(command.mode() + " search without a query vector");
    }
    return depth -> index.vector(scope, vector, command.model(), depth);
  }

  private static IntFunction<List<Hit>> keyword(
      QueryCommand command, SearchIndex index, SearchIndex.Scope scope) {
    return depth -> index.keyword(scope, command.text(), depth);
  }

  /**
   * The hits the records confirm, best first: at least {@code wanted} of them, or all there are.
   */
  private static List<Ranked> confirmed(
      int wanted, IntFunction<List<Hit>> search, Records records) {
    int depth = wanted;
    while (true) {
      List<Hit> hits = search.apply(depth);
      Map<Address, Item> items = records.load(hits.stream().map(Hit::address).toList());
      List<Ranked> confirmed = new ArrayList<>(items.size());
      for (Hit hit : hits) {
        Item item = items.get(hit.address());
        if (item != null) {
          confirmed.add(new Ranked(item, hit.score()));
        }
      }
      if (confirmed.size() >= wanted || hits.size() < depth || depth == Integer.MAX_VALUE) {
        confirmed.sort(Ranked.BEST_FIRST);
        return confirmed;
      }
      // Some hits were stale (deleted, expired, changed out of the filter since): look deeper.
      depth = saturatedSum(depth, depth);
    }
  }

  private static int saturatedSum(int a, int b) {
    return (int) Math.min((long) a + b, Integer.MAX_VALUE);
  }
}
