package dev.engram.search.lucene;

import dev.engram.TextOrder;
import dev.engram.spi.Bm25;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndex.Hit;
import dev.engram.spi.SearchIndex.Scope;
import dev.engram.spi.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * BM25 over the index's postings, computed exactly as {@code ExactQuery} does: statistics (item
 * count, average length, document frequencies) over the items in scope, exact lengths. Lucene's
 * own BM25 would use whole-index statistics (deleted documents included) and lengths rounded to
 * one byte, so its scores, and at times its order, would differ from every other backend's.
 *
 * <p>Cost: one pass over the documents in scope (for the statistics) and one over the postings of
 * the query's words, like a disjunction without early termination.
 */
final class KeywordSearch {

  private KeywordSearch() {}

  /** A matching item document and its term frequencies, one per query term. */
  private record Match(int doc, long length, int[] frequencies) {}

  static List<Hit> search(IndexSearcher searcher, Scope scope, String text, int depth)
      throws IOException {
    List<BytesRef> terms = new ArrayList<>();
    for (String word : Words.queryTerms(text)) {
      terms.add(new BytesRef(WordsAnalyzer.term(word)));
    }
    if (terms.isEmpty()) {
      return List.of();
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    FixedBitSet[] inScope = itemsInScope(searcher, scope);
    long n = 0;
    long totalLength = 0;
    for (LeafReaderContext leaf : leaves) {
      FixedBitSet bits = inScope[leaf.ord];
      if (bits == null) {
        continue;
      }
      n += bits.cardinality();
      NumericDocValues lengths = leaf.reader().getNumericDocValues(ItemDocuments.LENGTH);
      DocIdSetIterator it = new BitSetIterator(bits, 0);
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        totalLength += lengths != null && lengths.advanceExact(doc) ? lengths.longValue() : 0;
      }
    }
    int[] documentFrequency = new int[terms.size()];
    List<Match> matches = new ArrayList<>();
    for (LeafReaderContext leaf : leaves) {
      if (inScope[leaf.ord] != null) {
        matches.addAll(matchesIn(leaf, inScope[leaf.ord], terms, documentFrequency));
      }
    }
    Bm25 bm25 = new Bm25(n, totalLength);
    int[] docs = new int[matches.size()];
    double[] scores = new double[matches.size()];
    for (int i = 0; i < matches.size(); i++) {
      Match match = matches.get(i);
      double norm = bm25.norm(match.length());
      double score = 0;
      for (int t = 0; t < terms.size(); t++) {
        int tf = match.frequencies()[t];
        if (tf > 0) {
          score += bm25.term(tf, documentFrequency[t], norm);
        }
      }
      docs[i] = match.doc();
      scores[i] = score;
    }
    return best(searcher, docs, scores, depth);
  }

  /**
   * Per leaf, the live item documents in scope whose items are visible: those the index believes
   * expired are checked with the scope's visibility (refreshing reads may have extended them).
   */
  private static FixedBitSet[] itemsInScope(IndexSearcher searcher, Scope scope)
      throws IOException {
    Query filter = searcher.rewrite(ItemDocuments.filter(scope, ItemDocuments.ITEM));
    Weight weight = searcher.createWeight(filter, ScoreMode.COMPLETE_NO_SCORES, 1f);
    long now = ItemDocuments.micros(scope.now());
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    FixedBitSet[] inScope = new FixedBitSet[leaves.size()];
    List<Integer> doubtful = new ArrayList<>();
    for (LeafReaderContext leaf : leaves) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      LeafReader reader = leaf.reader();
      Bits live = reader.getLiveDocs();
      NumericDocValues expires = reader.getNumericDocValues(ItemDocuments.EXPIRES);
      FixedBitSet bits = new FixedBitSet(reader.maxDoc());
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        bits.set(doc);
        if (expires != null && expires.advanceExact(doc) && expires.longValue() <= now) {
          doubtful.add(leaf.docBase + doc);
        }
      }
      inScope[leaf.ord] = bits;
    }
    if (!doubtful.isEmpty()) {
      int[] docs = doubtful.stream().mapToInt(Integer::intValue).toArray();
      Address[] addresses = ItemDocuments.addresses(searcher, docs);
      Set<Address> visible = scope.visibility().visible(List.of(addresses));
      for (int i = 0; i < docs.length; i++) {
        if (!visible.contains(addresses[i])) {
          LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
          inScope[leaf.ord].clear(docs[i] - leaf.docBase);
        }
      }
    }
    return inScope;
  }

  /** The documents of one leaf in scope holding a term; counts each term's documents. */
  private static List<Match> matchesIn(
      LeafReaderContext leaf, FixedBitSet inScope, List<BytesRef> terms, int[] documentFrequency)
      throws IOException {
    Terms indexed = leaf.reader().terms(ItemDocuments.TEXT);
    if (indexed == null) {
      return List.of();
    }
    Map<Integer, int[]> frequencies = new HashMap<>();
    TermsEnum termsEnum = indexed.iterator();
    PostingsEnum postings = null;
    for (int t = 0; t < terms.size(); t++) {
      if (!termsEnum.seekExact(terms.get(t))) {
        continue;
      }
      postings = termsEnum.postings(postings, PostingsEnum.FREQS);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = postings.nextDoc()) {
        if (inScope.get(doc)) {
          documentFrequency[t]++;
          frequencies.computeIfAbsent(doc, d -> new int[terms.size()])[t] = postings.freq();
        }
      }
    }
    List<Integer> docs = new ArrayList<>(frequencies.keySet());
    docs.sort(null);
    NumericDocValues lengths = leaf.reader().getNumericDocValues(ItemDocuments.LENGTH);
    List<Match> matches = new ArrayList<>(docs.size());
    for (int doc : docs) {
      long length = lengths != null && lengths.advanceExact(doc) ? lengths.longValue() : 0;
      matches.add(new Match(leaf.docBase + doc, length, frequencies.get(doc)));
    }
    return matches;
  }

  /**
   * The best {@code depth} documents in best-first order, ties by namespace then key: documents
   * tied with the last one kept are all resolved before cutting, so the cut agrees with the exact
   * order.
   */
  private static List<Hit> best(IndexSearcher searcher, int[] docs, double[] scores, int depth)
      throws IOException {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int keep = Math.min(depth, order.length);
    while (keep > 0 && keep < order.length && scores[order[keep]] == scores[order[keep - 1]]) {
      keep++;
    }
    int[] kept = new int[keep];
    for (int i = 0; i < keep; i++) {
      kept[i] = docs[order[i]];
    }
    Address[] addresses = ItemDocuments.addresses(searcher, kept);
    List<Hit> hits = new ArrayList<>(keep);
    for (int i = 0; i < keep; i++) {
      hits.add(new Hit(addresses[i], scores[order[i]]));
    }
    hits.sort(
        Comparator.comparingDouble(Hit::score)
            .reversed()
            .thenComparing(h -> h.address().namespace())
            .thenComparing(h -> h.address().key(), TextOrder.CODE_POINT));
    return hits.size() > depth ? new ArrayList<>(hits.subList(0, depth)) : hits;
  }
}
