package dev.engram.core.memory;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.IndexedQuery;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.SearchIndexSettings;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search by query on the memory backend: through a {@link SearchIndex} in memory when a provider
 * is on the class path, else (or once the index has failed) {@link ExactQuery} over the
 * candidates. The index opens with the first indexed write, so stores that never index pay
 * nothing. The backend reports each write from inside the map's atomic update of that key, so the
 * index sees the writes of one key in the map's order.
 */
final class MemoryQueries implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemoryQueries.class);

  /** The backend's items, as the queries read them. */
  interface Entries {
    @Nullable MemoryEntry entry(Namespace namespace, String key);

    /** Every entry in {@code prefix} or below it. */
    List<MemoryEntry> under(Namespace prefix);
  }

  private final String storeName;
  private final @Nullable SearchIndexProvider provider;
  private final SearchIndexSettings settings;
  private final Entries entries;
  private volatile @Nullable SearchIndex index;
  private volatile boolean failed;

  MemoryQueries(
      String storeName, @Nullable SearchIndexProvider provider, SearchIndexSettings settings,
      Entries entries) {
    this.storeName = storeName;
    this.provider = provider;
    this.settings = settings;
    this.entries = entries;
  }

  /** Brings the index in line with a write that changed the item from {@code before} to {@code after}. */
  void written(Address address, @Nullable MemoryEntry before, @Nullable MemoryEntry after) {
    boolean indexedNow = after != null && after.indexed();
    if (!indexedNow && (before == null || !before.indexed())) {
      return;
    }
    SearchIndex current = opened();
    if (current == null) {
      return;
    }
    try {
      if (indexedNow) {
        current.put(address, after.index(), after.item().expiresAt());
      } else {
        current.remove(address);
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      fail(e);
    }
  }

  private @Nullable SearchIndex opened() {
    SearchIndex current = index;
    if (current != null || provider == null || failed) {
      return failed ? null : current;
    }
    synchronized (this) {
      if (index == null && !failed) {
        try {
          index = provider.openInMemory(storeName, settings);
        } catch (UncheckedIOException | IllegalStateException e) {
          fail(e);
        }
      }
      return failed ? null : index;
    }
  }

  /** Stops using the index: every later query scores exactly over the candidates. */
  private void fail(RuntimeException e) {
    synchronized (this) {
      if (!failed) {
        failed = true;
        log.error("{} - the search index failed; searching exactly over the items from now on",
            storeName, e);
      }
    }
  }

  /** The page of {@code command}, before any TTL refresh. */
  List<SearchItem> query(QueryCommand command) {
    SearchIndex current = failed ? null : index;
    if (current != null) {
      try {
        return IndexedQuery.page(command, current, new Records(command.scope()));
      } catch (UncheckedIOException | IllegalStateException e) {
        fail(e);
      }
    }
    SearchCommand scope = command.scope();
    List<ExactQuery.Candidate> candidates = new ArrayList<>();
    for (MemoryEntry entry : entries.under(scope.prefix())) {
      if (entry.index() != null && inScope(entry, scope)) {
        candidates.add(new ExactQuery.Candidate(entry.item(), entry.index()));
      }
    }
    return ExactQuery.page(command, candidates);
  }

  private static boolean inScope(MemoryEntry entry, SearchCommand scope) {
    return entry.visibleAt(scope.now()) && scope.filter().matches(entry.item().value());
  }

  private static Address address(Item item) {
    return new Address(item.namespace(), item.key());
  }

  /** The map as the truth an index query checks its hits against. */
  private final class Records implements IndexedQuery.Records {
    private final SearchCommand scope;

    Records(SearchCommand scope) {
      this.scope = scope;
    }

    @Override
    public Map<Address, Item> load(Collection<Address> addresses) {
      Map<Address, Item> found = new HashMap<>();
      for (Address address : addresses) {
        MemoryEntry entry = entries.entry(address.namespace(), address.key());
        if (entry != null && entry.indexed() && inScope(entry, scope)) {
          found.put(address, entry.item());
        }
      }
      return found;
    }

    @Override
    public Set<Address> candidates() {
      Set<Address> found = new HashSet<>();
      for (MemoryEntry entry : entries.under(scope.prefix())) {
        if (entry.indexed() && inScope(entry, scope)) {
          found.add(address(entry.item()));
        }
      }
      return found;
    }

    @Override
    public Set<Address> visible(Collection<Address> addresses) {
      Set<Address> found = new HashSet<>();
      for (Address address : addresses) {
        MemoryEntry entry = entries.entry(address.namespace(), address.key());
        if (entry != null && entry.visibleAt(scope.now())) {
          found.add(address);
        }
      }
      return found;
    }
  }

  @Override
  public void close() {
    SearchIndex current = index;
    if (current != null) {
      current.close();
    }
  }
}
