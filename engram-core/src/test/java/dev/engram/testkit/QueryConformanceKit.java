package dev.engram.testkit;

/**
 * The conformance kit of search by query (vector, keyword, hybrid) and of index configuration. A
 * backend module subclasses it like {@link StoreConformanceKit}; the kit's stores index with the
 * deterministic {@link WordVectors} model, so rankings can be asserted exactly.
 */
public abstract class QueryConformanceKit extends StoreKit
    implements QueryRankingContract, QueryScopeContract, IndexingContract {

  /** Whether opening the same URI again finds the same data; true unless overridden. */
  protected boolean persistent() {
    return true;
  }

  @Override
  public final boolean storesPersist() {
    return persistent();
  }
}
