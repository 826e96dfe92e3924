package dev.engram.spi;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.UnsupportedFeatureException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Storage behind a {@link dev.engram.Store}. The engine validates every input, resolves defaults and
 * TTLs and passes the current time; a backend stores and fetches, and must give exactly the results
 * of the in-memory reference (the conformance kit checks this).
 *
 * <p>Time: a backend never reads a clock. "Visible at now" means {@code expiresAt == null ||
 * expiresAt > now}. Instants passed in are whole microseconds and must come back unchanged.
 *
 * <p>Errors: storage failures are thrown as {@link dev.engram.BackendUnavailableException} naming
 * {@link #name()}; version preconditions as {@link dev.engram.VersionConflictException}.
 * Implementations are thread-safe.
 */
public interface StoreBackend extends AutoCloseable {

  /** Names this store in messages and logs, without secrets, e.g. {@code sqlite:/data/engram.db}. */
  String name();

  /**
   * The item visible at {@code now}, or null. When {@code refreshTtl} and the item has a TTL, its
   * {@code expiresAt} becomes {@code now + ttl} (stored, and in the returned item).
   */
  @Nullable Item get(Namespace namespace, String key, Instant now, boolean refreshTtl);

  /** Creates or replaces an item; see {@link PutCommand} for the rules. Returns the stored item. */
  Item put(PutCommand command);

  /**
   * Removes the item if visible at {@code now}.
   *
   * @param ifVersion when not null, the visible item must have this version (0: must not exist),
   *     else {@link dev.engram.VersionConflictException} and nothing is removed
   * @return whether a visible item was removed
   */
  boolean delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now);

  /** One exact page of search results; see {@link SearchCommand}. */
  List<Item> search(SearchCommand command);

  /**
   * The distinct namespaces that start with {@code prefix} (whole labels) and hold at least one item
   * visible at {@code now}, in {@link Namespace} order. Served from an index, not a scan of items.
   */
  List<Namespace> namespaces(Namespace prefix, Instant now);

  /**
   * Deletes at most {@code limit} items that expired at or before {@code now}, in one short unit of
   * work that never locks the whole store for long.
   *
   * @return how many were deleted; fewer than {@code limit} means none are left
   */
  int deleteExpired(Instant now, int limit);

  /**
   * Runs the calls of one batch in order and returns their results in the same order (see each
   * {@link BackendCall} kind). A call sees the effects of the calls before it; the first failure
   * ends the batch with its exception. The default runs them one by one inside {@link
   * #inTransaction}; a backend overrides this to send them together (pipelining, multi-row
   * statements), keeping that meaning.
   */
  default List<@Nullable Object> execute(List<BackendCall> calls) {
    return inTransaction(() -> BackendCall.applyAll(calls, this));
  }

  /**
   * One exact page of a search by query; see {@link QueryCommand}. Backends that store {@link
   * ItemIndex} entries without an index of their own rank their candidates with {@link ExactQuery}.
   */
  default List<SearchItem> query(QueryCommand command) {
    throw unsupported("search by query");
  }

  /**
   * A store-wide setting kept with the data (the index configuration, as JSON), or null when never
   * written.
   */
  default @Nullable String readSetting(String name) {
    throw unsupported("settings");
  }

  /** Stores a store-wide setting, replacing its previous value. */
  default void writeSetting(String name, String json) {
    throw unsupported("settings");
  }

  /**
   * Up to {@code limit} items visible at {@code now}, in namespace-then-key order, after the item
   * at ({@code afterNamespace}, {@code afterKey}) or from the start when that is null, each with
   * how it is indexed.
   */
  default List<IndexedItem> scanForIndex(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    throw unsupported("reindexing");
  }

  /** How many items are visible at {@code now}: the total reindexing reports progress against. */
  default long countItems(Instant now) {
    throw unsupported("reindexing");
  }

  /**
   * Replaces the index entries of the item if it is visible at {@code now} with version {@code
   * version}, leaving the item itself unchanged.
   *
   * @return false (and nothing written) when the item is gone or has another version
   */
  default boolean reindexItem(
      Namespace namespace, String key, long version, ItemIndex index, Instant now) {
    throw unsupported("reindexing");
  }

  private UnsupportedFeatureException unsupported(String feature) {
    return new UnsupportedFeatureException(feature + " is not supported by " + name());
  }

  /**
   * Runs {@code work}, whose calls on this backend from the same thread form one atomic transaction
   * when the backend has transactions (all or nothing if {@code work} throws). Backends without
   * transactions just run it.
   */
  <T> T inTransaction(Supplier<T> work);

  /** Whether {@link #inTransaction} is all-or-nothing on this backend. */
  boolean transactional();

  @Override
  void close();
}
