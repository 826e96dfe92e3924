package dev.engram.core.memory;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.TextOrder;
import dev.engram.VersionConflictException;
import dev.engram.spi.ItemOrder;
import dev.engram.spi.PutCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
final class MemoryStoreBackend implements StoreBackend {
  private final String name;
  private final Map<Namespace, Map<String, MemoryEntry>> namespaces = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Namespace> sortedNamespaces = new ConcurrentSkipListSet<>();

  MemoryStoreBackend(String name) {
    this.name = name;
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
    MemoryEntry stored =
        items.compute(command.key(), (key, old) -> replace(command, visible(old, command.now())));
    return stored.item();
  }

  private static @Nullable MemoryEntry visible(@Nullable MemoryEntry entry, Instant now) {
    return entry != null && entry.visibleAt(now) ? entry : null;
  }

  private MemoryEntry replace(PutCommand c, @Nullable MemoryEntry current) {
    checkVersion(c.namespace(), c.key(), c.ifVersion(), current);
    Instant createdAt = current == null ? c.now() : current.item().createdAt();
    long version = current == null ? 1 : current.item().version() + 1;
    Item item =
        new Item(
            c.namespace(), c.key(), c.value().canonical(), createdAt, c.now(), c.expiresAt(),
            version);
    return new MemoryEntry(item, c.ttl());
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
        // Conditional remove: an item rewritten meanwhile is left alone.
        if (!e.getValue().visibleAt(now) && items.remove(e.getKey(), e.getValue())) {
          removed++;
        }
      }
    }
    return removed;
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
    namespaces.clear();
    sortedNamespaces.clear();
  }
}
