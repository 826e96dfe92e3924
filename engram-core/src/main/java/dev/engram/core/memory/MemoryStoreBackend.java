package dev.engram.core.memory;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.TextOrder;
import dev.engram.VersionConflictException;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.ItemOrder;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.SearchIndexSettings;
import dev.engram.spi.StoreBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference backend. Items live in one concurrent map per namespace; a sorted set of
 * namespaces serves listing and prefix search. Every write to one key is atomic ({@code compute});
 * batches are not transactions.
 *
 * <p>Namespace maps are never removed once created (an emptied namespace is simply not listed),
 * so a put can never land in a map that a concurrent delete just detached.
 *
 * <p>Each item keeps its index entries; search by query goes through {@link MemoryQueries}, which
 * every write that changes indexing informs from inside the key's atomic update.
 */
final class MemoryStoreBackend implements StoreBackend {
  private final String name;
  private final Map<Namespace, Map<String, MemoryEntry>> namespaces = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Namespace> sortedNamespaces = new ConcurrentSkipListSet<>();
  private final Map<String, String> settings = new ConcurrentHashMap<>();
  private final MemoryQueries queries;

  MemoryStoreBackend(
      String name, @Nullable SearchIndexProvider indexProvider, SearchIndexSettings indexSettings) {
    this.name = name;
    this.queries =
        new MemoryQueries(
            name, indexProvider, indexSettings,
            new MemoryQueries.Entries() {
              @Override
              public @Nullable MemoryEntry entry(Namespace namespace, String key) {
                Map<String, MemoryEntry> items = namespaces.get(namespace);
                return items == null ? null : items.get(key);
              }

              @Override
              public List<MemoryEntry> under(Namespace prefix) {
                List<MemoryEntry> found = new ArrayList<>();
                for (Namespace ns : namespacesUnder(prefix)) {
                  found.addAll(namespaces.get(ns).values());
                }
                return found;
              }
            });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public @Nullable Item get(Namespace namespace, String key, Instant now, boolean refreshTtl) {
    Map<String, MemoryEntry> items = namespaces.get(namespace);
    MemoryEntry entry = items == null ? null : items.get(key);
    if (entry == null || !entry.visibleAt(now)) {
      return null;
    }
    if (!refreshTtl || entry.ttl() == null) {
      return entry.item();
    }
    MemoryEntry refreshed =
        items.computeIfPresent(key, (k, e) -> e.visibleAt(now) ? e.refreshedAt(now) : e);
    return refreshed != null && refreshed.visibleAt(now) ? refreshed.item() : null;
  }

  @Override
  public Item put(PutCommand command) {
    Map<String, MemoryEntry> items =
        namespaces.computeIfAbsent(
            command.namespace(),
            ns -> {
              sortedNamespaces.add(ns);
              return new ConcurrentHashMap<>();
            });
    Address address = new Address(command.namespace(), command.key());
    MemoryEntry stored =
        items.compute(
            command.key(),
            (key, old) -> {
              MemoryEntry next = replace(command, old);
              queries.written(address, old, next);
              return next;
            });
    return stored.item();
  }

  private static @Nullable MemoryEntry visible(@Nullable MemoryEntry entry, Instant now) {
    return entry != null && entry.visibleAt(now) ? entry : null;
  }

  /** The entry that replaces {@code old}; without an index of its own it keeps the old one's. */
  private MemoryEntry replace(PutCommand c, @Nullable MemoryEntry old) {
    MemoryEntry current = visible(old, c.now());
    checkVersion(c.namespace(), c.key(), c.ifVersion(), current);
    Instant createdAt = current == null ? c.now() : current.item().createdAt();
    long version = current == null ? 1 : current.item().version() + 1;
    Item item =
        new Item(
            c.namespace(), c.key(), c.value().canonical(), createdAt, c.now(), c.expiresAt(),
            version);
    ItemIndex index = c.index() != null ? c.index() : old == null ? null : old.index();
    return new MemoryEntry(item, c.ttl(), index);
  }

  private static void checkVersion(
      Namespace namespace, String key, @Nullable Long ifVersion, @Nullable MemoryEntry current) {
    if (ifVersion == null) {
      return;
    }
    Long actual = current == null ? null : current.item().version();
    boolean holds = ifVersion == 0 ? actual == null : actual != null && actual == (long) ifVersion;
    if (!holds) {
      throw new VersionConflictException(namespace + "/" + key, ifVersion, actual);
    }
  }

  @Override
  public boolean delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now) {
    Map<String, MemoryEntry> items = namespaces.get(namespace);
    if (items == null) {
      checkVersion(namespace, key, ifVersion, null);
      return false;
    }
    boolean[] removed = {false};
    items.compute(
        key,
        (k, old) -> {
          MemoryEntry current = visible(old, now);
          checkVersion(namespace, key, ifVersion, current);
          removed[0] = current != null;
          queries.written(new Address(namespace, key), old, null);
          return null;
        });
    return removed[0];
  }

  @Override
  public List<Item> search(SearchCommand command) {
    List<Item> matches = new ArrayList<>();
    for (Namespace ns : namespacesUnder(command.prefix())) {
      for (MemoryEntry entry : namespaces.get(ns).values()) {
        if (entry.visibleAt(command.now()) && command.filter().matches(entry.item().value())) {
          matches.add(entry.item());
        }
      }
    }
    matches.sort(ItemOrder.NEWEST_FIRST);
    List<Item> page =
        matches.stream().skip(command.offset()).limit(command.limit()).toList();
    if (!command.refreshTtl()) {
      return page;
    }
    List<Item> refreshed = new ArrayList<>(page.size());
    for (Item item : page) {
      Item current = get(item.namespace(), item.key(), command.now(), true);
      refreshed.add(current != null ? current : item);
    }
    return refreshed;
  }

  @Override
  public List<Namespace> namespaces(Namespace prefix, Instant now) {
    List<Namespace> live = new ArrayList<>();
    for (Namespace ns : namespacesUnder(prefix)) {
      for (MemoryEntry entry : namespaces.get(ns).values()) {
        if (entry.visibleAt(now)) {
          live.add(ns);
          break;
        }
      }
    }
    return live;
  }

  /** The namespaces equal to or below {@code prefix}, in order. */
  private List<Namespace> namespacesUnder(Namespace prefix) {
    if (prefix.isRoot()) {
      return List.copyOf(sortedNamespaces);
    }
    // Descendants of "a.b" sort between "a.b" and "a.b/" ('/' follows '.'); other names such as
    // "a.b-c" fall in that range too and are skipped by the label check.
    String end = prefix + "/";
    List<Namespace> under = new ArrayList<>();
    for (Namespace ns : sortedNamespaces.tailSet(prefix, true)) {
      if (TextOrder.compare(ns.toString(), end) >= 0) {
        break;
      }
      if (ns.startsWith(prefix)) {
        under.add(ns);
      }
    }
    return under;
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    int removed = 0;
    for (Map<String, MemoryEntry> items : namespaces.values()) {
      for (Map.Entry<String, MemoryEntry> e : items.entrySet()) {
        if (removed >= limit) {
          return removed;
        }
        MemoryEntry expired = e.getValue();
        if (!expired.visibleAt(now) && removeIfUnchanged(items, expired)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Removes the entry unless its item was rewritten meanwhile; tells whether it did. */
  private boolean removeIfUnchanged(Map<String, MemoryEntry> items, MemoryEntry entry) {
    boolean[] removed = {false};
    Item item = entry.item();
    items.computeIfPresent(
        item.key(),
        (k, current) -> {
          if (current != entry) {
            return current;
          }
          removed[0] = true;
          queries.written(new Address(item.namespace(), item.key()), current, null);
          return null;
        });
    return removed[0];
  }

  @Override
  public List<SearchItem> query(QueryCommand command) {
    List<SearchItem> page = queries.query(command);
    if (!command.scope().refreshTtl()) {
      return page;
    }
    List<SearchItem> refreshed = new ArrayList<>(page.size());
    for (SearchItem found : page) {
      Item current = get(found.namespace(), found.key(), command.scope().now(), true);
      refreshed.add(current != null ? new SearchItem(current, found.score()) : found);
    }
    return refreshed;
  }

  @Override
  public @Nullable String readSetting(String settingName) {
    return settings.get(settingName);
  }

  @Override
  public void writeSetting(String settingName, String json) {
    settings.put(settingName, json);
  }

  @Override
  public List<IndexedItem> scanForIndex(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    List<IndexedItem> page = new ArrayList<>();
    Iterable<Namespace> from =
        afterNamespace == null ? sortedNamespaces : sortedNamespaces.tailSet(afterNamespace, true);
    for (Namespace ns : from) {
      String after = ns.equals(afterNamespace) ? afterKey : null;
      for (MemoryEntry entry : firstKeys(namespaces.get(ns), after, limit - page.size(), now)) {
        ItemIndex index = entry.index();
        page.add(
            new IndexedItem(
                entry.item(), index == null ? null : index.model(),
                index == null ? null : index.fields()));
      }
      if (page.size() >= limit) {
        break;
      }
    }
    return page;
  }

  /**
   * The first {@code limit} visible entries of a namespace in key order after {@code afterKey}:
   * a bounded heap, so paging through a large namespace never sorts all of it per page.
   */
  private static List<MemoryEntry> firstKeys(
      Map<String, MemoryEntry> items, @Nullable String afterKey, int limit, Instant now) {
    Comparator<MemoryEntry> byKey = Comparator.comparing(e -> e.item().key(), TextOrder.CODE_POINT);
    PriorityQueue<MemoryEntry> last = new PriorityQueue<>(byKey.reversed());
    for (MemoryEntry entry : items.values()) {
      if (!entry.visibleAt(now)
          || afterKey != null && TextOrder.compare(entry.item().key(), afterKey) <= 0) {
        continue;
      }
      last.add(entry);
      if (last.size() > limit) {
        last.poll();
      }
    }
    List<MemoryEntry> first = new ArrayList<>(last);
    first.sort(byKey);
    return first;
  }

  @Override
  public long countItems(Instant now) {
    long count = 0;
    for (Map<String, MemoryEntry> items : namespaces.values()) {
      for (MemoryEntry entry : items.values()) {
        if (entry.visibleAt(now)) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public boolean reindexItem(
      Namespace namespace, String key, long version, ItemIndex index, Instant now) {
    Map<String, MemoryEntry> items = namespaces.get(namespace);
    if (items == null) {
      return false;
    }
    boolean[] replaced = {false};
    items.computeIfPresent(
        key,
        (k, old) -> {
          if (!old.visibleAt(now) || old.item().version() != version) {
            return old;
          }
          replaced[0] = true;
          MemoryEntry next = old.withIndex(index);
          queries.written(new Address(namespace, key), old, next);
          return next;
        });
    return replaced[0];
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public void close() {
    queries.close();
    namespaces.clear();
    sortedNamespaces.clear();
  }
}
