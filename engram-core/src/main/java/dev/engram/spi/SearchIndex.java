package dev.engram.spi;

import dev.engram.Namespace;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search index derived from a store's records (HNSW for vectors, an inverted index for
 * keywords), for backends without search of their own. The backend stays the truth: it feeds the
 * index what its records say, checks every hit against them, and can always rebuild the index from
 * them. Opened by a {@link SearchIndexProvider}; thread-safe.
 *
 * <p>Failures of the index itself (I/O, a corrupt file) are thrown as {@link
 * java.io.UncheckedIOException}; a backend answers them from its records instead.
 */
public interface SearchIndex extends AutoCloseable {

  /** An item's address: its namespace and key. */
  record Address(Namespace namespace, String key) {}

  /** An item found by the index and its score under one ranking. */
  record Hit(Address address, double score) {}

  /** Tells which of some items are visible now; see {@link Scope}. */
  @FunctionalInterface
  interface Visibility {
    Set<Address> visible(Collection<Address> addresses);
  }

  /**
   * Which items a search may rank.
   *
   * @param prefix items in this namespace or below it (whole labels)
   * @param candidates when not null, only these items (a filter's matches, resolved by the backend)
   * @param now the time of the search: the index knows each item's expiry as written, which
   *     refreshing reads only ever extend, so an item it believes expired at {@code now} is checked
   *     with {@code visibility}; every other item counts as visible
   */
  record Scope(
      Namespace prefix, @Nullable Set<Address> candidates, Instant now, Visibility visibility) {}

  /**
   * Replaces what the index holds for the item with {@code index}'s entries; an index without
   * entries removes the item.
   *
   * @param expiresAt when the item expires as written, or null
   */
  void put(Address address, ItemIndex index, @Nullable Instant expiresAt);

  /** Removes the item, if held. */
  void remove(Address address);

  /** Removes every item (before a rebuild). */
  void removeAll();

  /** The data recorded by the last {@link #commit}, empty for a new index. */
  Map<String, String> commitData();

  /** Makes every change so far durable, recording {@code data} with it. */
  void commit(Map<String, String> data);

  /**
   * Items in scope by the best cosine similarity of their entries from {@code model} to {@code
   * vector}, best first, at least {@code depth} of them when that many exist (fewer means there
   * are no more). Approximate: the graph may miss near ties.
   */
  List<Hit> vector(Scope scope, float[] vector, String model, int depth);

  /**
   * Items in scope holding a word of {@code text}, by BM25 over each item's texts taken as one
   * document with statistics over the items in scope (as {@link ExactQuery}), in {@link
   * Ranked#BEST_FIRST} order, the first {@code depth} of them.
   */
  List<Hit> keyword(Scope scope, String text, int depth);

  @Override
  void close();
}
