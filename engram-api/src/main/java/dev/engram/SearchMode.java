package dev.engram;

/**
 * How {@link Store#search} ranks items against a query. Every mode keeps the namespace prefix and
 * the filter; only items indexed for search (see {@link IndexConfig}) can match a query.
 */
public enum SearchMode {
  /**
   * Semantic: the cosine similarity between the query's embedding and the item's closest indexed
   * text, in [-1, 1], higher first. Every indexed item in scope is ranked. The default.
   */
  VECTOR,
  /**
   * Keywords: BM25 (k1 = 1.2, b = 0.75) over the item's indexed texts, words compared lower-cased,
   * common English stop words left out of the query. Only items holding a query term match. Scores
   * are positive and comparable within one result list only (they depend on word statistics).
   */
  KEYWORD,
  /**
   * Both lists fused by reciprocal rank fusion: an item scores the sum of {@code 1 / (60 + rank)}
   * over the vector and keyword lists it appears in (ranks from 1).
   */
  HYBRID
}
