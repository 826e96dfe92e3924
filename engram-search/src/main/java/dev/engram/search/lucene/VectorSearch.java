package dev.engram.search.lucene;

import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndex.Hit;
import dev.engram.spi.SearchIndex.Scope;
import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Nearest items by vector: Lucene's {@link KnnFloatVectorQuery} over the entries of the query's
 * model, with the scope as its filter. Lucene chooses per segment: a filter that admits no more
 * entries than the neighbours sought is scored exactly, others walk the graph, falling back to
 * exact scoring when the walk visits more entries than the filter admits. Entries are then folded
 * into their items, keeping each item's best; when items with several entries leave fewer items
 * than wanted, the search repeats with twice the neighbours.
 */
final class VectorSearch {
  private VectorSearch() {}

  static List<Hit> search(
      IndexSearcher searcher, SearchIndexSettings settings, Scope scope, float[] vector,
      String model, int depth) throws IOException {
    String field = ItemDocuments.vectorField(model, vector.length);
    float[] target = LuceneKnn.normalized(vector);
    Query filter = ItemDocuments.filter(scope, null);
    int k = LuceneKnn.k(depth, settings);
    while (true) {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(field, target, k, filter), k);
      ScoreDoc[] docs = top.scoreDocs;
      int[] ids = new int[docs.length];
      for (int i = 0; i < docs.length; i++) {
        ids[i] = docs[i].doc;
      }
      Address[] addresses = ItemDocuments.addresses(searcher, ids);
      // Best first already, so an item's first entry is its best.
      Map<Address, Hit> items = new LinkedHashMap<>();
      for (int i = 0; i < docs.length; i++) {
        items.putIfAbsent(addresses[i], new Hit(addresses[i], LuceneKnn.cosine(docs[i].score)));
      }
      if (items.size() >= depth || docs.length < k || k == Integer.MAX_VALUE) {
        return firstWithTies(new ArrayList<>(items.values()), depth);
      }
      k = (int) Math.min(2L * k, Integer.MAX_VALUE);
    }
  }

  /**
   * The first {@code depth} hits and those tied with the last of them: the caller orders ties by
   * namespace and key, which the graph's order knows nothing of. Extra neighbours collected for
   * recall stay here, so the caller checks no more hits than it needs.
   */
  private static List<Hit> firstWithTies(List<Hit> hits, int depth) {
    int keep = Math.min(depth, hits.size());
    while (keep > 0 && keep < hits.size()
        && hits.get(keep).score() == hits.get(keep - 1).score()) {
      keep++;
    }
    return hits.subList(0, keep);
  }
}
