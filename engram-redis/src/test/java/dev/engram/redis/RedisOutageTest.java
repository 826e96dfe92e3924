package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.core.Engram;
import dev.engram.spi.BackendUri;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure behaviour, on private redis-server processes this test starts, kills, freezes and
 * restarts (never the shared server): acknowledged writes survive a crash with AOF persistence,
 * calls during an outage fail with a clear error within the configured timeout instead of hanging,
 * and the same store instance works again once the server is back. Also checks, through the
 * server's command statistics, that the store (search by query and reindexing included) never
 * runs KEYS or SCAN.
 */
class RedisOutageTest {
  private static final long TIMEOUT_MS = 1000;
  /** Allowance on top of the command timeout for scheduling on a loaded machine. */
  private static final long SLACK_MS = 1500;
  private static final String PASSWORD = "s3cret-pw";
  private static final Namespace NS = Namespace.of("outage");

  @TempDir Path dir;

  @BeforeAll
  static void requireBinaries() {
    RedisTests.requireBinaries();
  }

  private static String uri(LocalRedis redis, String extra) {
    return "redis://:" + PASSWORD + "@" + RedisTests.HOST + ":" + redis.port()
        + "?prefix=outage&timeoutMs=" + TIMEOUT_MS + extra;
  }

  private static void await(String what, long seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  @Timeout(120)
  void acknowledgedWritesSurviveACrashOutageFailsFastAndTheSameStoreRecovers() throws Exception {
    try (LocalRedis redis = LocalRedis.start(dir.resolve("aof"), "--appendonly", "yes",
            "--appendfsync", "always", "--requirepass", PASSWORD);
        Store store = Engram.store(uri(redis, "")).backgroundSweep(false).open()) {
      List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
      List<BackendUnavailableException> failures = Collections.synchronizedList(new ArrayList<>());
      List<Long> failureMillis = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger next = new AtomicInteger();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          int i = next.getAndIncrement();
          long start = System.nanoTime();
          try {
            store.put(NS, "k" + i, Map.of("i", i));
            acknowledged.add(i);
          } catch (BackendUnavailableException e) {
            failureMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            failures.add(e);
            try {
              Thread.sleep(20);
            } catch (InterruptedException interrupted) {
              return;
            }
          }
        }
      }, "outage-writer");
      writer.start();
      try {
        await("300 writes are acknowledged", 30, () -> acknowledged.size() >= 300);
        redis.kill();
        await("writes fail during the outage", 30, () -> failures.size() >= 10);
        int beforeRestart = acknowledged.size();
        redis.restart();
        await("the same store writes again", 30, () -> acknowledged.size() >= beforeRestart + 100);
      } finally {
        stop.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(30));
      }

      System.out.printf("outage: %d writes acknowledged, %d failed during the outage (slowest"
              + " failure %d ms, timeout %d ms); first error: %s%n", acknowledged.size(),
          failures.size(), Collections.max(failureMillis), TIMEOUT_MS,
          failures.get(0).getMessage());
      assertThat(failureMillis).allSatisfy(ms -> assertThat(ms).isLessThan(TIMEOUT_MS + SLACK_MS));
      assertThat(failures).allSatisfy(e -> {
        assertThat(e.getMessage())
            .startsWith("redis://:***@127.0.0.1:" + redis.port()
                + "?prefix=outage - put of outage/k")
            .doesNotContain(PASSWORD);
        assertThat(e.getCause()).isNotNull();
      });
      // Every acknowledged write is there after the crash, read through the same store.
      List<StoreOp> reads = new ArrayList<>();
      for (int i : acknowledged) {
        reads.add(StoreOp.get(NS, "k" + i));
      }
      List<Object> found = store.batch(reads);
      for (int j = 0; j < acknowledged.size(); j++) {
        assertThat(found.get(j)).as("acknowledged write k%d", acknowledged.get(j))
            .isInstanceOfSatisfying(Item.class,
                item -> assertThat(item.value()).isEqualTo(Map.of("i", item.value().get("i"))));
      }
      assertThat(store.listNamespaces(NamespaceQuery.all())).containsExactly(NS);
    }
  }

  @Test
  @Timeout(60)
  void aFrozenServerMakesCallsFailWithinTheTimeoutInsteadOfHanging() throws Exception {
    try (LocalRedis redis = LocalRedis.start(dir.resolve("frozen"), "--requirepass", PASSWORD);
        Store store = Engram.store(uri(redis, "")).backgroundSweep(false).open()) {
      store.put(NS, "before", Map.of("a", 1));
      redis.pause();
      try {
        for (Runnable call : List.<Runnable>of(
            () -> store.put(NS, "during", Map.of("a", 2)),
            () -> store.get(NS, "before"),
            () -> store.search(SearchRequest.under(NS)))) {
          long start = System.nanoTime();
          assertThatThrownBy(call::run)
              .isInstanceOf(BackendUnavailableException.class)
              .hasMessageContaining("command timeout of " + TIMEOUT_MS + " ms");
          assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
              .isLessThan(TIMEOUT_MS + SLACK_MS);
        }
      } finally {
        redis.resume();
      }
      await("the store answers again", 30, () -> {
        try {
          return store.get(NS, "before").isPresent();
        } catch (BackendUnavailableException stillRecovering) {
          return false;
        }
      });
      store.put(NS, "after", Map.of("a", 3));
      assertThat(store.get(NS, "after")).isPresent();
    }
  }

  @Test
  void openingAStoppedServerFailsWithinTheTimeout() throws Exception {
    int port = LocalRedis.freePort();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Engram.store("redis://127.0.0.1:" + port + "?timeoutMs=500").open())
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("redis://127.0.0.1:" + port + "?prefix=engram - cannot connect");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500 + SLACK_MS);
  }

  @Test
  void theStoreNeverRunsKeysOrScanAndSurvivesAScriptCacheFlush() throws Exception {
    try (LocalRedis redis = LocalRedis.start(dir.resolve("stats"), "--requirepass", PASSWORD);
        Store store = Engram.store(uri(redis, "")).backgroundSweep(false).open()) {
      redis.cli("config", "resetstat");
      PutOptions ttl = PutOptions.builder().ttl(Duration.ofMillis(1)).build();
      for (int i = 0; i < 20; i++) {
        store.put(Namespace.of("stats", "n" + (i % 4)), "k" + i, Map.of("i", i));
        store.put(Namespace.of("stats", "gone"), "k" + i, Map.of("i", i), ttl);
      }
      // Scripts lost (as after a restart or failover): every path falls back to EVAL.
      redis.cli("script", "flush");
      store.get(Namespace.of("stats", "n1"), "k1");
      store.get(Namespace.of("stats", "n1"), "k1", true);
      assertThat(store.search(SearchRequest.builder().namespacePrefix(Namespace.of("stats"))
          .filter(Map.of("i", Map.of("$gte", 10))).limit(100).build())).hasSize(10);
      redis.cli("script", "flush");
      store.batch(List.of(StoreOp.put(Namespace.of("stats", "b"), "x", Map.of("i", 1)),
          StoreOp.put(Namespace.of("stats", "b"), "y", Map.of("i", 2)),
          StoreOp.get(Namespace.of("stats", "b"), "x")));
      assertThat(store.listNamespaces(NamespaceQuery.all())).hasSize(5);
      Thread.sleep(5);
      store.sweepExpired();
      store.delete(Namespace.of("stats", "n0"), "k0");
      assertThat(store.get(Namespace.of("stats", "b"), "y").orElseThrow().value())
          .isEqualTo(Map.of("i", 2));

      String stats = redis.cli("info", "commandstats");
      assertThat(stats).contains("cmdstat_evalsha").contains("cmdstat_eval:");
      assertThat(stats).doesNotContain("cmdstat_keys").doesNotContain("cmdstat_scan");
    }
  }

  @Test
  void searchByQueryAndReindexingNeverScanTheKeyspaceAndSurviveAScriptCacheFlush()
      throws Exception {
    Instant now = Instant.parse("2031-01-01T00:00:00Z");
    try (LocalRedis redis = LocalRedis.start(dir.resolve("query"), "--requirepass", PASSWORD);
        StoreBackend backend =
            new RedisBackendProvider().openStore(BackendUri.parse(uri(redis, "")))) {
      redis.cli("config", "resetstat");
      ItemIndex index = new ItemIndex("m", null,
          List.of(new IndexEntry("$", "plum jam", new float[] {1, 2, 3})));
      for (int i = 0; i < 6; i++) {
        backend.put(new PutCommand(Namespace.of("q", "n" + i % 2), "k" + i,
            JsonCodec.encode(Map.of("i", i), "value"), now, null, null, index));
      }
      // Scripts lost: the binary replies of the query's script come through EVAL as well.
      redis.cli("script", "flush");
      for (SearchMode mode : SearchMode.values()) {
        assertThat(backend.query(new QueryCommand(new SearchCommand(Namespace.of("q"),
            Filter.all(), 0, 10, now, false), "jam", new float[] {1, 2, 3}, mode, "m")))
            .hasSize(6);
      }
      redis.cli("script", "flush");
      assertThat(backend.scanForIndex(null, null, 10, now)).hasSize(6);
      assertThat(backend.countItems(now)).isEqualTo(6);
      redis.cli("script", "flush");
      assertThat(backend.reindexItem(Namespace.of("q", "n0"), "k0", 1, index, now)).isTrue();

      String stats = redis.cli("info", "commandstats");
      assertThat(stats).contains("cmdstat_eval:");
      assertThat(stats).doesNotContain("cmdstat_keys").doesNotContain("cmdstat_scan");
    }
  }
}
