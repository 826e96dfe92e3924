package dev.engram.redis;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.IndexedItem;
import io.lettuce.core.Range;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * What reindexing reads: every item in namespace-then-key order, and how many there are.
 * Namespaces come from the registry in order; within one, {@code scan.lua} pages through a
 * snapshot of its keys in key order (the order index is by time), so a whole pass costs one
 * server-side sort per namespace plus O(log N + page) per page, never a read of the keyspace.
 */
final class RedisIndexScan {
  private static final int NAMESPACES_PER_READ = 256;
  /** How long an abandoned scan's key snapshot stays; each page renews it. */
  private static final long SNAPSHOT_MS = Duration.ofHours(1).toMillis();

  private final RedisLink link;
  private final Keys keys;
  private final NamespaceRegistry registry;

  RedisIndexScan(RedisLink link, Keys keys, NamespaceRegistry registry) {
    this.link = link;
    this.keys = keys;
    this.registry = registry;
  }

  List<IndexedItem> scan(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    List<IndexedItem> found = new ArrayList<>(limit);
    // The namespace of the last item returned may hold more items after it.
    List<Namespace> namespaces = registry.from(afterNamespace, true, NAMESPACES_PER_READ);
    while (true) {
      for (Namespace ns : namespaces) {
        String after = ns.equals(afterNamespace) && afterKey != null ? afterKey : "";
        scanNamespace(ns, after, limit, now, found);
        if (found.size() == limit) {
          return found;
        }
      }
      if (namespaces.size() < NAMESPACES_PER_READ) {
        return found;
      }
      namespaces = registry.from(namespaces.get(namespaces.size() - 1), false, NAMESPACES_PER_READ);
    }
  }

  /** Adds the visible items of one namespace after {@code after} until {@code found} is full. */
  private void scanNamespace(
      Namespace ns, String after, int limit, Instant now, List<IndexedItem> found) {
    Keys.NamespaceKeys k = keys.of(ns);
    String nowText = Micros.text(now);
    String last = after;
    while (found.size() < limit) {
      List<Object> reply = link.eval(new ScriptCall(LuaScript.SCAN,
          new String[] {k.order(), k.keySnapshot()},
          new String[] {k.itemPrefix(), nowText, last, Integer.toString(limit - found.size()),
              Long.toString(SNAPSHOT_MS)},
          "reindexing scan of namespace " + ns));
      List<?> items = (List<?>) reply.get(2);
      for (int i = 0; i + 1 < items.size(); i += 2) {
        String key = (String) items.get(i);
        List<?> values = (List<?>) items.get(i + 1);
        Item item = ItemFields.item(ns, key, ItemFields.ofScript(values));
        String model = values.get(ItemFields.NAMES.length) instanceof String m ? m : null;
        String paths = values.get(ItemFields.NAMES.length + 1) instanceof String p ? p : null;
        found.add(new IndexedItem(item, model, IndexFields.paths(paths, ns + "/" + key)));
      }
      if (ScriptCall.flag(reply.get(0))) {
        return;
      }
      last = (String) reply.get(1);
    }
  }

  /**
   * The items visible at {@code now}: per namespace, its order index's size less the entries of
   * its expiry index due by then (pipelined, a group of namespaces per round trip).
   */
  long count(Instant now) {
    Range<Long> due =
        Range.from(Range.Boundary.unbounded(), Range.Boundary.including(Micros.of(now)));
    long total = 0;
    Namespace last = null;
    while (true) {
      List<Namespace> namespaces = registry.from(last, false, NAMESPACES_PER_READ);
      List<Future<Long>> sizes = new ArrayList<>();
      List<Future<Long>> expired = new ArrayList<>();
      for (Namespace ns : namespaces) {
        Keys.NamespaceKeys k = keys.of(ns);
        sizes.add(link.submit(() -> link.commands().zcard(k.order())));
        expired.add(link.submit(() -> link.commands().zcount(k.expiry(), due)));
      }
      for (int i = 0; i < namespaces.size(); i++) {
        String what = "counting the items of " + namespaces.get(i);
        total += link.await(sizes.get(i), what) - link.await(expired.get(i), what);
      }
      if (namespaces.size() < NAMESPACES_PER_READ) {
        return total;
      }
      last = namespaces.get(namespaces.size() - 1);
    }
  }
}
