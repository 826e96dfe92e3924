package dev.engram;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Long-term memory: JSON documents addressed by {@link Namespace} and key, with filtered search.
 *
 * <p>Semantics are the same on every backend:
 *
 * <ul>
 *   <li>An expired item is invisible to every read, whether or not it has been swept yet.
 *   <li>Reads may refresh an item's TTL: by the store's refresh-on-read policy, or per call.
 *   <li>Filters are JSON objects: a bare value means JSON equality ({@code 1} equals {@code 1.0},
 *       {@code "1"} does not); operators {@code $eq $ne $gt $gte $lt $lte $in $nin $exists}; several
 *       keys are ANDed; a dotted key such as {@code "profile.lang"} is a path into nested objects.
 *       Ordering operators compare numbers as numbers and strings by code point, and never match a
 *       value of another type. {@code $ne} and {@code $nin} also match a missing field; an unknown
 *       operator is an {@link InvalidInputException}.
 * </ul>
 *
 * <p>Implementations are thread-safe. Errors are {@link EngramException}s: {@link
 * InvalidInputException} (and {@link ValueTooLargeException}) for bad input, {@link
 * VersionConflictException} for a failed precondition, {@link BackendUnavailableException} when the
 * storage fails.
 */
public interface Store extends AutoCloseable {

  /** The item, or empty when absent or expired; refreshes its TTL per the store's policy. */
  Optional<Item> get(Namespace namespace, String key);

  /** The item, or empty when absent or expired; refreshes its TTL when {@code refreshTtl}. */
  Optional<Item> get(Namespace namespace, String key, boolean refreshTtl);

  /** Upserts with the store's default TTL and no precondition; see {@link #put(Namespace, String, Map, PutOptions)}. */
  @Nullable Item put(Namespace namespace, String key, @Nullable Map<String, Object> value);

  /**
   * Creates or replaces the item. A replacement keeps {@code createdAt}, moves {@code updatedAt} and
   * increments {@code version}. A null value deletes the item (as LangGraph's {@code put} does).
   *
   * @return the stored item, or null when {@code value} was null
   * @throws VersionConflictException when {@code options.ifVersion()} does not hold; nothing is
   *     written
   * @throws ValueTooLargeException when the value's JSON exceeds the store's limit
   */
  @Nullable Item put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options);

  /**
   * Removes the item; idempotent.
   *
   * @return whether a (visible) item was removed
   */
  boolean delete(Namespace namespace, String key);

  /**
   * One page of the items under the request's prefix that match its filter; with a query, ranked
   * by it (see {@link SearchMode}). A query needs an index configuration ({@link #configureIndex}).
   */
  List<SearchItem> search(SearchRequest request);

  /** The namespaces that hold at least one visible item, filtered, cut, sorted and paged. */
  List<Namespace> listNamespaces(NamespaceQuery query);

  /**
   * Runs the operations in order and returns their results in the same order (see each {@link
   * StoreOp} for its result). A read sees the writes before it in the batch. Every operation is
   * validated before any runs; on backends with transactions the batch is atomic: a failing
   * operation leaves nothing of the batch behind.
   */
  List<@Nullable Object> batch(List<? extends StoreOp> ops);

  /**
   * Deletes expired items now, in bounded rounds.
   *
   * @return how many items were removed
   */
  long sweepExpired();

  /** The search index configuration stored with this store's data, if it has one. */
  default Optional<IndexConfig> indexConfig() {
    return Optional.empty();
  }

  /**
   * Stores {@code config} (its embedder resolved to an exact model id) as this store's index
   * configuration, then indexes every item not yet indexed that way, as {@link #reindex} does.
   *
   * @return the configuration as stored
   */
  default IndexConfig configureIndex(IndexConfig config, ReindexProgress progress) {
    throw new UnsupportedFeatureException("search indexing is not available on " + this);
  }

  /**
   * Brings the search index up to date with the store's configuration and this process's
   * embedder: embeds every item whose vectors come from another model or other fields, in
   * batches, leaving items written meanwhile as their writers indexed them.
   *
   * @return how many items were (re)indexed
   */
  default long reindex(ReindexProgress progress) {
    throw new UnsupportedFeatureException("search indexing is not available on " + this);
  }

  /** Releases the store's resources; the store is unusable afterwards. */
  @Override
  void close();
}
