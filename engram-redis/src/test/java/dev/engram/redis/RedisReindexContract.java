package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchMode;
import dev.engram.TextOrder;
import dev.engram.spi.BackendCall;
import dev.engram.spi.BackendUri;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.StoreBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What reindexing needs from Redis: settings kept with the data, a scan of every visible item in
 * namespace-then-key order with keyset paging, the count it reports progress against, and the
 * conditional rewrite of one item's index. Extends the query checks so both run on a server and
 * on a cluster.
 */
abstract class RedisReindexContract extends RedisQueryContract {
  private static final Comparator<IndexedItem> SCAN_ORDER =
      Comparator.comparing((IndexedItem i) -> i.item().namespace())
          .thenComparing(i -> i.item().key(), TextOrder.CODE_POINT);

  @Test
  void settingsAreKeptWithTheDataInOneKeyEach() {
    assertThat(backend.readSetting("index")).isNull();
    backend.writeSetting("index", "{\"embedder\":\"a\"}");
    backend.writeSetting("index", "{\"embedder\":\"b\"}");
    backend.writeSetting("other", "{}");
    try (StoreBackend again = new RedisBackendProvider().openStore(BackendUri.parse(uri(prefix)))) {
      assertThat(again.readSetting("index")).isEqualTo("{\"embedder\":\"b\"}");
      assertThat(again.readSetting("other")).isEqualTo("{}");
    }
    assertThat(raw().sync().get(keys().setting("index"))).isEqualTo("{\"embedder\":\"b\"}");
  }

  @Test
  void scanPagesThroughEveryVisibleItemInNamespaceThenKeyOrder() {
    Random random = new Random(17);
    List<IndexedItem> expected = new ArrayList<>();
    List<BackendCall> puts = new ArrayList<>();
    List<Namespace> namespaces = new ArrayList<>();
    // More namespaces than one registry read holds, with hostile and non-ASCII names and keys.
    for (int i = 0; i < 300; i++) {
      namespaces.add(Namespace.of("ns" + (char) ('a' + i % 26), i % 2 == 0 ? "ü" + i : "{" + i));
    }
    List<String> keys = List.of("b", "a", "ä", "😀", "}", "a:b", "Z", "ab");
    for (Namespace ns : namespaces) {
      for (String key : keys.subList(0, 1 + random.nextInt(3))) {
        puts.add(put(ns, key, random, expected, null));
      }
    }
    // One large namespace, read in several chunks, with more expired items than one call skips.
    Namespace large = Namespace.of("large");
    for (int i = 0; i < 1500; i++) {
      puts.add(put(large, "k" + i, random, expected, null));
    }
    for (int i = 0; i < 1200; i++) {
      puts.add(put(large, "k" + i + "-expired", random, expected, Duration.ofMinutes(1)));
    }
    backend.execute(puts);
    Instant now = T0.plus(Duration.ofMinutes(2));
    expected.sort(SCAN_ORDER);

    assertThat(backend.countItems(now)).isEqualTo(expected.size());
    for (int limit : new int[] {1, 7, 256, 100_000}) {
      if (limit == 1) {
        // One item per call over thousands of items: only the first namespaces.
        assertThat(scanAll(limit, now, 40)).isEqualTo(expected.subList(0, 40));
      } else {
        assertThat(scanAll(limit, now, Integer.MAX_VALUE)).as("limit %d", limit)
            .isEqualTo(expected);
      }
    }
    // Every finished namespace dropped its key snapshot.
    assertThat(raw().keysOf(prefix)).noneMatch(k -> k.endsWith("}:k") && !k.contains(":i:"));
  }

  /** Puts an item with one of the ways of being indexed; returns the put, adds what a scan sees. */
  private BackendCall put(Namespace ns, String key, Random random, List<IndexedItem> expected,
      @Nullable Duration ttl) {
    ItemIndex index = switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> new ItemIndex(MODEL, List.of("title", "tags[*]"), List.of());
      case 2 -> index(OTHER_MODEL, random, 1, 4);
      default -> index(MODEL, random, 2, 4);
    };
    Map<String, Object> value = Map.of("key", key);
    BackendCall put = new BackendCall.Put(putCommand(ns, key, value, T0, ttl, index));
    if (ttl == null) {
      Item item = new Item(ns, key, value, T0, T0, null, 1);
      expected.add(new IndexedItem(item, index == null ? null : index.model(),
          index == null ? null : index.fields()));
    }
    return put;
  }

  private List<IndexedItem> scanAll(int limit, Instant now, int atMost) {
    List<IndexedItem> all = new ArrayList<>();
    Namespace afterNamespace = null;
    String afterKey = null;
    while (all.size() < atMost) {
      List<IndexedItem> page = backend.scanForIndex(afterNamespace, afterKey, limit, now);
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      all.addAll(page);
      if (page.size() < limit) {
        break;
      }
      afterNamespace = page.get(page.size() - 1).item().namespace();
      afterKey = page.get(page.size() - 1).item().key();
    }
    return all;
  }

  @Test
  void scanResumesAfterAnItemThatIsGone() {
    Random random = new Random(19);
    for (String key : List.of("a", "b", "c")) {
      put(Namespace.of("x"), key, Map.of(), T0, null, index(MODEL, random, 1, 4));
    }
    put(Namespace.of("y"), "a", Map.of(), T0, null, null);
    backend.delete(Namespace.of("x"), "b", null, T0);
    List<IndexedItem> rest = backend.scanForIndex(Namespace.of("x"), "b", 10, T0);
    assertThat(rest).extracting(i -> i.item().namespace() + "/" + i.item().key())
        .containsExactly("x/c", "y/a");
    backend.delete(Namespace.of("x"), "a", null, T0);
    backend.delete(Namespace.of("x"), "c", null, T0);
    backend.namespaces(Namespace.root(), T0); // forgets the empty namespace
    assertThat(backend.scanForIndex(Namespace.of("x"), "c", 10, T0))
        .extracting(i -> i.item().key()).containsExactly("a");
  }

  @Test
  void reindexReplacesTheIndexOnlyOfTheVersionItWasMadeFor() {
    Random random = new Random(23);
    Namespace ns = Namespace.of("re");
    Item item = put(ns, "k", Map.of("a", 1), T0, Duration.ofHours(1),
        index(OTHER_MODEL, random, 2, 4));
    ItemIndex fresh = new ItemIndex(MODEL, List.of("a"),
        List.of(new IndexEntry("a", "1", new float[] {1, 0, 0, 0})));
    Instant later = T0.plusSeconds(30);
    double scoreBefore = raw().sync().zscore(keys().of(ns).order(), "k");

    assertThat(backend.reindexItem(ns, "k", item.version() + 1, fresh, later)).isFalse();
    assertThat(backend.reindexItem(ns, "k", item.version(), fresh, later)).isTrue();
    remember(item, fresh);
    assertThat(backend.get(ns, "k", later, false)).isEqualTo(item);
    assertThat(raw().sync().zscore(keys().of(ns).order(), "k")).isEqualTo(scoreBefore);
    assertThat(backend.scanForIndex(null, null, 10, later))
        .containsExactly(new IndexedItem(item, MODEL, List.of("a")));
    assertThat(backend.query(query(ns, null, 0, 10, later, "", new float[] {1, 0, 0, 0},
        SearchMode.VECTOR))).singleElement().satisfies(s -> assertThat(s.score()).isEqualTo(1.0));

    assertThat(backend.reindexItem(ns, "k", item.version(), fresh, T0.plus(Duration.ofHours(2))))
        .as("expired").isFalse();
    assertThat(backend.reindexItem(ns, "missing", 1, fresh, later)).isFalse();
    assertThat(raw().sync().exists(keys().of(ns).item("missing"))).isZero();
  }
}
