package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.PendingWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads on one checkpoint thread: every put lands, a write race has one winner. */
public interface CheckpointConcurrencyContract extends CheckpointFixture {

  int WORKERS = 8;

  private <T> List<T> onWorkers(Callable<T> task) throws Exception {
    checkpoints(); // opened once, before the workers share it
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
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
  default void concurrentPutsAllLandAndTheLatestIsTheGreatestId() throws Exception {
    List<List<String>> ids = onWorkers(() -> {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        mine.add(checkpoints().put(CheckpointConfig.of("shared"), Checkpoint.of(Map.of("i", i)),
            Map.of()).checkpointId());
      }
      return mine;
    });

    List<String> all = ids.stream().flatMap(List::stream).sorted().toList();
    assertThat(all).hasSize(WORKERS * 20).doesNotHaveDuplicates();
    assertThat(idsOf(listAll("shared"))).containsExactlyElementsOf(all.reversed());
    assertThat(latest("shared").checkpoint().id()).isEqualTo(all.get(all.size() - 1));
  }

  @Test
  @Timeout(120)
  default void racingWritesOfOneTaskKeepExactlyOne() throws Exception {
    CheckpointConfig cp = putStep("t1", "1", 0);
    AtomicInteger workerIds = new AtomicInteger();
    onWorkers(() -> {
      int w = workerIds.getAndIncrement();
      checkpoints().putWrites(cp, List.of(write("a", "w" + w)), "task", "");
      return null;
    });

    List<PendingWrite> writes = latest("t1").pendingWrites();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).channel()).isEqualTo("a");
  }
}
