package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.VersionConflictException;
import dev.engram.core.Engram;
import dev.engram.spi.BackendUri;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import dev.engram.testkit.MutableClock;
import io.lettuce.core.ScoredValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the conformance kit cannot see on Redis: the indexes and the registry under concurrent
 * writers, the key layout with hostile names, native expiry and the lazy cleanup of what it leaves
 * behind, and pipelined batches. Runs on a server and on a cluster (the subclasses).
 */
abstract class RedisBackendContract {
  private final List<Store> stores = new ArrayList<>();
  protected String prefix;

  /** A store URI for the given key prefix. */
  protected abstract String uri(String prefix);

  /** A plain connection to look at the keys. */
  protected abstract RawRedis raw();

  @BeforeEach
  void newPrefix() {
    prefix = RedisTests.uniquePrefix(getClass().getSimpleName().toLowerCase());
  }

  @AfterEach
  void closeStoresAndDeleteKeys() {
    stores.forEach(Store::close);
    stores.clear();
    raw().deletePrefix(prefix);
  }

  protected Store open(Clock clock) {
    Store store = Engram.store(uri(prefix)).clock(clock).backgroundSweep(false).open();
    stores.add(store);
    return store;
  }

  private Keys keys() {
    return new Keys(prefix);
  }

  private static Map<String, Object> value(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Asserts that the namespace's indexes describe exactly its item hashes. */
  private void assertIndexesMatchItems(Namespace ns) {
    Keys.NamespaceKeys k = keys().of(ns);
    Map<String, Double> order = scores(k.order());
    Map<String, Double> expiry = scores(k.expiry());
    Set<String> items = new TreeSet<>();
    for (String key : raw().keysOf(prefix)) {
      if (key.startsWith(k.itemPrefix())) {
        items.add(key.substring(k.itemPrefix().length()));
      }
    }
    assertThat(order.keySet()).as("order index of %s", ns).isEqualTo(items);
    Map<String, Double> expected = new TreeMap<>();
    for (String key : items) {
      Map<String, String> hash = raw().sync().hgetall(k.item(key));
      assertThat(order.get(key)).isEqualTo(Double.parseDouble(hash.get("u")));
      if (hash.containsKey("e")) {
        expected.put(key, Double.parseDouble(hash.get("e")));
      }
    }
    assertThat(expiry).as("expiry index of %s", ns).isEqualTo(expected);
  }

  private Map<String, Double> scores(String key) {
    Map<String, Double> scores = new TreeMap<>();
    for (ScoredValue<String> v : raw().sync().zrangeWithScores(key, 0, -1)) {
      scores.put(v.getValue(), v.getScore());
    }
    return scores;
  }

  private boolean registered(Namespace ns) {
    return raw().sync().zscore(keys().registry(), ns.toString()) != null;
  }

  private static <T> List<T> onThreads(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(60)
  void indexesStayExactUnderConcurrentPutsAndDeletesOfTheSameKeys() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));
    // Two stores: two connections writing at once, as two processes would.
    Store[] both = {open(clock), open(clock)};
    Namespace[] namespaces = {Namespace.of("race", "a"), Namespace.of("race", "b")};
    AtomicInteger threadIds = new AtomicInteger();
    onThreads(8, () -> {
      int thread = threadIds.getAndIncrement();
      Store store = both[thread % 2];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < 150; i++) {
        Namespace ns = namespaces[random.nextInt(2)];
        String key = "k" + random.nextInt(6);
        switch (random.nextInt(4)) {
          case 0 -> store.delete(ns, key);
          case 1 -> store.put(ns, key, value("t", thread, "i", i),
              PutOptions.builder().ttl(Duration.ofMinutes(1 + random.nextInt(5))).build());
          default -> store.put(ns, key, value("t", thread, "i", i));
        }
        clock.advance(Duration.ofNanos(1000));
      }
      return null;
    });
    for (Namespace ns : namespaces) {
      assertIndexesMatchItems(ns);
      assertThat(both[0].search(SearchRequest.builder().namespacePrefix(ns).limit(100).build()))
          .hasSize(raw().sync().zcard(keys().of(ns).order()).intValue());
    }
  }

  @Test
  @Timeout(60)
  void compareAndSetIncrementsAcrossNamespacesAreNeverLost() throws Exception {
    Store store = open(Clock.systemUTC());
    int counters = 12;
    for (int c = 0; c < counters; c++) {
      store.put(Namespace.of("cas", "n" + c), "counter", value("n", 0));
    }
    int perThread = 60;
    List<int[]> done = onThreads(6, () -> {
      int[] mine = new int[counters];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < perThread; ) {
        int c = random.nextInt(counters);
        Namespace ns = Namespace.of("cas", "n" + c);
        Item current = store.get(ns, "counter", false).orElseThrow();
        try {
          store.put(ns, "counter", value("n", (Integer) current.value().get("n") + 1),
              PutOptions.builder().ifVersion(current.version()).build());
          mine[c]++;
          i++;
        } catch (VersionConflictException retry) {
          assertThat(retry.actualVersion()).isGreaterThan(current.version());
        }
      }
      return mine;
    });
    for (int c = 0; c < counters; c++) {
      int expected = 0;
      for (int[] mine : done) {
        expected += mine[c];
      }
      Item counter = store.get(Namespace.of("cas", "n" + c), "counter", false).orElseThrow();
      assertThat(counter.value().get("n")).isEqualTo(expected);
      assertThat(counter.version()).isEqualTo(expected + 1L);
    }
  }

  /** How many times a namespace has been registered under this store's prefix so far. */
  private long registrations() {
    String sequence = raw().sync().get(keys().sequence());
    return sequence == null ? 0 : Long.parseLong(sequence);
  }

  @Test
  void anEmptyNamespaceAWriterWasJustSentToRegisterStaysUntilTheWriterCouldComeBack() {
    Store writer = open(Clock.systemUTC());
    Store lister = open(Clock.systemUTC());
    Namespace ns = Namespace.of("pending");
    writer.put(ns, "k", value("a", 1));
    writer.delete(ns, "k");
    String meta = keys().of(ns).meta();
    long serverMs = Long.parseLong(raw().sync().time().get(0)) * 1000;

    // As put.lua marks it when it sends a writer to register: the listing leaves it alone.
    raw().sync().hset(meta, "p", Long.toString(serverMs));
    assertThat(lister.listNamespaces(NamespaceQuery.all())).isEmpty();
    assertThat(registered(ns)).isTrue();

    // A mark older than the 10 s a writer is given: removed as any empty namespace.
    raw().sync().hset(meta, "p", Long.toString(serverMs - 11_000));
    lister.listNamespaces(NamespaceQuery.all());
    assertThat(registered(ns)).isFalse();
  }

  @Test
  @Timeout(60)
  void aNamespaceHoldingAnItemIsAlwaysRegisteredWhileEmptyOnesAreRemoved() throws Exception {
    Store writers = open(Clock.systemUTC());
    Store lister = open(Clock.systemUTC());
    Namespace ns = Namespace.of("churn");
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService remover = Executors.newSingleThreadExecutor();
    Future<Integer> listings = remover.submit(() -> {
      int n = 0;
      while (!stop.get()) {
        lister.listNamespaces(NamespaceQuery.all());
        n++;
      }
      return n;
    });
    AtomicInteger threadIds = new AtomicInteger();
    try {
      // Whether the lister catches the namespace empty depends on scheduling; churn again (a
      // bounded number of rounds) until it has, so the race below was really exercised.
      for (int round = 0; round < 20 && registrations() <= 1; round++) {
        onThreads(4, () -> {
          String key = "k" + threadIds.getAndIncrement();
          for (int i = 0; i < 150; i++) {
            writers.put(ns, key, value("i", i));
            // This thread's item exists until it deletes it: the namespace must be listed.
            assertThat(registered(ns)).as("registered after put %d of %s", i, key).isTrue();
            writers.delete(ns, key);
          }
          return null;
        });
      }
    } finally {
      stop.set(true);
      assertThat(listings.get(30, TimeUnit.SECONDS)).isPositive();
      remover.shutdown();
    }
    // Removals really happened (each forces the next writer to register again).
    assertThat(registrations()).isGreaterThan(1);
    lister.listNamespaces(NamespaceQuery.all());
    assertThat(registered(ns)).isFalse();
    writers.put(ns, "again", value("a", 1));
    assertThat(lister.listNamespaces(NamespaceQuery.all())).containsExactly(ns);
  }

  @Test
  void hostileNamespacesAndKeysStayApart() {
    Store store = open(Clock.systemUTC());
    List<Namespace> namespaces = List.of(Namespace.of("a}:i:b"), Namespace.of("a"),
        Namespace.of("{x}", "100%"), Namespace.of("x", "%7D"), Namespace.of("x", "}"),
        Namespace.of("😀", "ü"));
    List<String> keys = List.of("c", "b}:i:c", "{", "}", "%", ":z", ":x", "😀");
    for (Namespace ns : namespaces) {
      for (String key : keys) {
        store.put(ns, key, value("ns", ns.toString(), "key", key));
      }
    }
    for (Namespace ns : namespaces) {
      for (String key : keys) {
        assertThat(store.get(ns, key).orElseThrow().value())
            .isEqualTo(value("ns", ns.toString(), "key", key));
      }
      List<SearchItem> found =
          store.search(SearchRequest.builder().namespacePrefix(ns).limit(100).build());
      assertThat(found).extracting(SearchItem::namespace).containsOnly(ns);
      assertThat(found).hasSize(keys.size());
      assertIndexesMatchItems(ns);
    }
    assertThat(store.listNamespaces(NamespaceQuery.all()))
        .containsExactlyInAnyOrderElementsOf(namespaces);
  }

  @Test
  void emptiedNamespaceLeavesTheRegistryAndComesBackOnTheNextPut() {
    Store store = open(Clock.systemUTC());
    Namespace ns = Namespace.of("tmp", "x");
    store.put(ns, "a", value("a", 1));
    store.put(ns, "b", value("b", 1));
    assertThat(registered(ns)).isTrue();
    store.delete(ns, "a");
    store.delete(ns, "b");
    assertThat(store.listNamespaces(NamespaceQuery.all())).isEmpty();
    assertThat(registered(ns)).isFalse();
    assertThat(raw().sync().hget(keys().registrations(), ns.toString())).isNull();
    assertThat(raw().sync().pttl(keys().of(ns).meta())).isPositive();
    Item again = store.put(ns, "a", value("a", 2));
    assertThat(again.version()).isEqualTo(1);
    assertThat(registered(ns)).isTrue();
    assertThat(raw().sync().pttl(keys().of(ns).meta())).isEqualTo(-1);
    assertThat(store.listNamespaces(NamespaceQuery.all())).containsExactly(ns);
  }

  @Test
  void nativeExpiryFollowsExpiresAtAndRefreshes() {
    MutableClock clock = new MutableClock(Instant.now());
    Store store = open(clock);
    Namespace ns = Namespace.of("ttl");
    Item item = store.put(ns, "k", value("a", 1),
        PutOptions.builder().ttl(Duration.ofMinutes(10)).build());
    String itemKey = keys().of(ns).item("k");
    long expected = (Micros.of(item.expiresAt()) + 999) / 1000;
    assertThat(raw().sync().pexpiretime(itemKey)).isEqualTo(expected);

    clock.advance(Duration.ofMinutes(5));
    Item refreshed = store.get(ns, "k", true).orElseThrow();
    assertThat(raw().sync().pexpiretime(itemKey))
        .isEqualTo((Micros.of(refreshed.expiresAt()) + 999) / 1000);

    store.put(ns, "k", value("a", 2), PutOptions.builder().noExpiry().build());
    assertThat(raw().sync().pttl(itemKey)).isEqualTo(-1);
    assertThat(raw().sync().zcard(keys().of(ns).expiry())).isZero();
  }

  @Test
  void noNativeExpiryWhenExpiresAtIsAlreadyPastOnTheServerClock() {
    // An injected clock in the past: the item is visible at that time, so Redis must not drop it;
    // the sweep removes it once the store's clock passes its expiry.
    MutableClock clock = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));
    Store store = open(clock);
    Namespace ns = Namespace.of("past");
    store.put(ns, "k", value("a", 1), PutOptions.builder().ttl(Duration.ofMinutes(1)).build());
    assertThat(raw().sync().pttl(keys().of(ns).item("k"))).isEqualTo(-1);
    assertThat(store.get(ns, "k")).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.get(ns, "k")).isEmpty();
    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(raw().sync().exists(keys().of(ns).item("k"))).isZero();
  }

  @Test
  @Timeout(30)
  void itemsExpiredByRedisLeaveIndexEntriesThatReadsCleanUp() throws Exception {
    Store store = open(Clock.systemUTC());
    Namespace ns = Namespace.of("native");
    for (int i = 0; i < 5; i++) {
      store.put(ns, "short" + i, value("i", i),
          PutOptions.builder().ttl(Duration.ofMillis(200)).build());
    }
    store.put(ns, "long", value("i", 9), PutOptions.builder().ttl(Duration.ofHours(1)).build());
    Keys.NamespaceKeys k = keys().of(ns);
    // Wait for Redis to drop the keys by itself (EXISTS also triggers its lazy expiry).
    for (int i = 0; i < 5; i++) {
      while (raw().sync().exists(k.item("short" + i)) > 0) {
        Thread.sleep(50);
      }
    }
    assertThat(raw().sync().zcard(k.order())).isEqualTo(6);
    assertThat(store.search(SearchRequest.under(ns))).extracting(SearchItem::key)
        .containsExactly("long");
    assertThat(raw().sync().zcard(k.order())).isEqualTo(1);
    assertThat(raw().sync().zcard(k.expiry())).isEqualTo(1);

    store.delete(ns, "long");
    assertThat(store.listNamespaces(NamespaceQuery.all())).isEmpty();
    assertThat(registered(ns)).isFalse();
  }

  @Test
  void batchesArePipelinedInOrderEvenWithRepeatedKeysAndNewNamespaces() {
    Store store = open(new MutableClock(Instant.parse("2031-01-01T00:00:00Z")));
    List<StoreOp> ops = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ops.add(StoreOp.put(Namespace.of("batch", "n" + (i % 7)), "k" + (i % 40), value("i", i)));
    }
    ops.add(StoreOp.get(Namespace.of("batch", "n1"), "k1"));
    ops.add(StoreOp.delete(Namespace.of("batch", "n0"), "k0"));
    ops.add(StoreOp.get(Namespace.of("batch", "n0"), "k0"));
    List<Object> results = store.batch(ops);

    // Key k(i % 40) in namespace n(i % 7): the last write of each address wins, in order.
    Map<String, Integer> last = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      String address = "n" + (i % 7) + "/k" + (i % 40);
      last.put(address, i);
      versions.merge(address, 1, Integer::sum);
      assertThat(((Item) results.get(i)).version()).isEqualTo((long) versions.get(address));
    }
    Item read = (Item) results.get(120);
    assertThat(read.value()).isEqualTo(value("i", last.get("n1/k1")));
    assertThat(results.get(121)).isEqualTo(Boolean.TRUE);
    assertThat(results.get(122)).isNull();
    for (Map.Entry<String, Integer> e : last.entrySet()) {
      String[] parts = e.getKey().split("/");
      Item item = store.get(Namespace.of("batch", parts[0]), parts[1]).orElse(null);
      if (e.getKey().equals("n0/k0")) {
        assertThat(item).isNull();
      } else {
        assertThat(item).isNotNull();
        assertThat(item.value()).isEqualTo(value("i", e.getValue()));
      }
    }
    assertThat(store.listNamespaces(NamespaceQuery.all())).hasSize(7);
  }

  @Test
  void workOtherThanTheEngineBatchRunsAsItIsInTransaction() {
    BackendUri address = BackendUri.parse(uri(prefix));
    try (StoreBackend backend = new RedisBackendProvider().openStore(address)) {
      Namespace ns = Namespace.of("tx");
      Instant now = Instant.parse("2031-01-01T00:00:00Z");
      backend.put(new PutCommand(ns, "a", JsonCodec.encode(value("n", 1), "value"), now, null,
          null));
      // Read, then decide: must see real results, not a recording's placeholders.
      Item result = backend.inTransaction(() -> {
        Item a = backend.get(ns, "a", now, false);
        return a == null
            ? null
            : backend.put(new PutCommand(ns, "b", JsonCodec.encode(value("copy", a.version()),
                "value"), now, null, null));
      });
      assertThat(result).isNotNull();
      assertThat(backend.get(ns, "b", now, false).value()).isEqualTo(value("copy", 1));
      assertThat(backend.transactional()).isFalse();
    }
  }
}
