package dev.engram.postgres;

import dev.engram.spi.Bm25;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyword ranking: BM25 exactly as {@link dev.engram.spi.ExactQuery} defines it (Lucene's form, k1
 * = 1.2, b = 0.75, an item's texts taken as one document, statistics over the indexed items in
 * scope), on both paths, with pgvector or without.
 *
 * <p>Two statements. The first counts the indexed items in scope and their words (an aggregate
 * over the scope's rows of the item table, which carry their word count). The second finds the
 * entries holding a query word through the GIN index on their tsvectors, joined to their items in
 * scope, with how often each query word occurs; Java adds up each item's counts, derives the
 * document frequencies and scores. Only the matching items are ever sent, without their values
 * (except rows whose filter SQL could not decide, see {@link QueryScope}).
 */
final class KeywordRanking {
  /** {@link dev.engram.spi.ExactQuery}'s BM25 parameters. */

  private final String items;
  private final String entries;

  KeywordRanking(ItemSql itemSql, IndexSql indexSql) {
    this.items = itemSql.table;
    this.entries = indexSql.entries;
  }

  /** Every item in scope holding a query word, best first. */
  Ranking rank(Connection c, QueryScope scope, String text) throws SQLException {
    Set<String> words = IndexedEntries.queryWords(text);
    if (words.isEmpty()) {
      return new Ranking(List.of(), true);
    }
    Collection collection = collection(c, scope);
    long documents = collection.documents();
    Map<String, Document> found = matches(c, scope, words);
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (Document document : found.values()) {
      document.counts.keySet().forEach(word -> documentFrequency.merge(word, 1, Integer::sum));
    }
    Bm25 bm25 = new Bm25(documents, collection.words());
    List<Hit> hits = new ArrayList<>(found.size());
    for (Document document : found.values()) {
      double norm = bm25.norm(document.length);
      double score = 0;
      for (String word : words) {
        Integer tf = document.counts.get(word);
        if (tf != null) {
          score += bm25.term(tf, documentFrequency.get(word), norm);
        }
      }
      hits.add(new Hit(document.namespace, document.key, score));
    }
    hits.sort(Hit.BEST_FIRST);
    return new Ranking(hits, true);
  }

  /** How many indexed items are in scope, and how many words they hold together. */
  private record Collection(long documents, long words) {}

  private Collection collection(Connection c, QueryScope scope) throws SQLException {
    // Rows the SQL decided share one group; the rare others are grouped by value and checked.
    String sql = "SELECT " + scope.undecidedValue() + ", count(*), sum(i.index_words) FROM "
        + items + " i WHERE i.index_words IS NOT NULL AND " + scope.where() + " GROUP BY 1";
    long documents = 0;
    long words = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      scope.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (scope.passes(rs.getBytes(1))) {
            documents += rs.getLong(2);
            words += rs.getLong(3);
          }
        }
      }
    }
    return new Collection(documents, words);
  }

  /** An indexed item in scope holding query words: its length and each word's count. */
  private static final class Document {
    final String namespace;
    final String key;
    final int length;
    final Map<String, Integer> counts = new HashMap<>();

    Document(String namespace, String key, int length) {
      this.namespace = namespace;
      this.key = key;
      this.length = length;
    }
  }

  private Map<String, Document> matches(Connection c, QueryScope scope, Set<String> words)
      throws SQLException {
    String sql = "SELECT i.namespace, i.key, i.index_words, " + scope.undecidedValue() + ","
        + " t.lexeme, cardinality(t.positions) FROM " + entries + " e JOIN " + items + " i"
        + " ON i.namespace = e.namespace AND i.key = e.key CROSS JOIN LATERAL unnest(e.words) t"
        + " WHERE e.words @@ CAST(? AS tsquery) AND t.lexeme = ANY(CAST(? AS text[]))"
        + " AND i.index_words IS NOT NULL AND " + scope.where();
    Map<String, Document> found = new LinkedHashMap<>();
    Map<String, Boolean> passes = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, IndexedEntries.tsquery(words));
      ps.setArray(2, c.createArrayOf("text", words.toArray()));
      scope.bind(c, ps, 3);
      ps.setFetchSize(QueryScope.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String namespace = rs.getString(1);
          String key = rs.getString(2);
          int length = rs.getInt(3);
          byte[] undecided = rs.getBytes(4);
          String address = Hit.address(namespace, key);
          if (passes.computeIfAbsent(address, a -> scope.passes(undecided))) {
            found.computeIfAbsent(address, a -> new Document(namespace, key, length))
                .counts.merge(rs.getString(5), rs.getInt(6), Integer::sum);
          }
        }
      }
    }
    return found;
  }
}
