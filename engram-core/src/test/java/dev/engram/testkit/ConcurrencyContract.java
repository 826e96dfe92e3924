package dev.engram.testkit;

import static dev.engram.testkit.TestData.ifVersion;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.VersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads on one store: no lost updates, no lost writes, one winner per create race. */
public interface ConcurrencyContract extends StoreFixture {

  int THREADS = 8;
  Namespace SHARED = ns("shared");

  /**
   * Runs {@code task} on {@link #THREADS} threads released together and returns their results;
   * fails instead of hanging when a thread does not finish in time.
   */
  private <T> List<T> onAllThreads(Callable<T> task) throws Exception {
    store(); // opened here, once, before the threads share it
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(120)
  default void compareAndSetIncrementsAreNeverLost() throws Exception {
    int incrementsPerThread = 25;
    store().put(SHARED, "counter", object("n", 0));

    onAllThreads(() -> {
      for (int done = 0; done < incrementsPerThread; ) {
        Item current = store().get(SHARED, "counter", false).orElseThrow();
        int n = (Integer) current.value().get("n");
        try {
          store().put(SHARED, "counter", object("n", n + 1),
              ifVersion(current.version()));
          done++;
        } catch (VersionConflictException retry) {
          // another thread won this round; read again
        }
      }
      return null;
    });

    Item counter = stored(SHARED, "counter");
    assertThat(counter.value().get("n")).isEqualTo(THREADS * incrementsPerThread);
    assertThat(counter.version()).isEqualTo(THREADS * incrementsPerThread + 1L);
  }

  @Test
  @Timeout(120)
  default void concurrentPutsToDifferentKeysAllLand() throws Exception {
    int keysPerThread = 50;
    AtomicInteger threadIds = new AtomicInteger();
    onAllThreads(() -> {
      int thread = threadIds.getAndIncrement();
      for (int i = 0; i < keysPerThread; i++) {
        store().put(ns("shared", "t" + thread), "k" + i, object("thread", thread, "i", i));
      }
      return null;
    });

    assertThat(searchAll(SHARED)).hasSize(THREADS * keysPerThread);
    assertThat(stored(ns("shared", "t3"), "k49").value())
        .isEqualTo(object("thread", 3, "i", 49));
  }

  @Test
  @Timeout(120)
  default void exactlyOneOfManyConcurrentCreatesWins() throws Exception {
    AtomicInteger threadIds = new AtomicInteger();
    List<Boolean> won = onAllThreads(() -> {
      int thread = threadIds.getAndIncrement();
      try {
        store().put(SHARED, "singleton", object("owner", thread),
            ifVersion(0));
        return true;
      } catch (VersionConflictException lost) {
        return false;
      }
    });

    assertThat(won).containsOnlyOnce(true);
    assertThat(stored(SHARED, "singleton").version()).isEqualTo(1);
  }

  @Test
  @Timeout(120)
  default void readersSeeWholeValuesWhileWritersReplaceThem() throws Exception {
    store().put(SHARED, "doc", object("a", 0, "b", 0));
    AtomicInteger threadIds = new AtomicInteger();
    onAllThreads(() -> {
      boolean writer = threadIds.getAndIncrement() % 2 == 0;
      for (int i = 1; i <= 50; i++) {
        if (writer) {
          store().put(SHARED, "doc", object("a", i, "b", i));
        } else {
          Item item = store().get(SHARED, "doc", false).orElseThrow();
          assertThat(item.value().get("a")).isEqualTo(item.value().get("b"));
        }
      }
      return null;
    });
    assertThat(stored(SHARED, "doc").version()).isEqualTo(1 + 4 * 50L);
  }
}
