package dev.engram.server;

import dev.engram.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's sweeper of expired items. The server sweeps itself (rather than the store's own
 * background sweep) so that each round shows in the metrics; {@code engram serve} opens its store
 * without a background sweep for that reason.
 */
final class Sweeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sweeping.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("engram-server-sweeper").unstarted(runnable));

  Sweeping(Store store, Duration interval, ServerMetrics metrics) {
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        long removed = store.sweepExpired();
        metrics.sweep(removed, false);
        if (removed > 0) {
          log.info("{} - sweep removed {} expired items", store, removed);
        }
      } catch (RuntimeException e) {
        // A failed round must not end the schedule: the next one retries.
        metrics.sweep(0, true);
        log.warn("{} - sweep of expired items failed; retrying next round", store, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
