package dev.engram.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a store's sweep on a daemon thread at a fixed interval until closed. */
final class Sweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  private final ScheduledExecutorService executor;

  Sweeper(String storeName, Duration interval, LongSupplier sweep) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "engram-sweeper " + storeName);
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(
        () -> runOnce(storeName, sweep), millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void runOnce(String storeName, LongSupplier sweep) {
    long start = System.nanoTime();
    try {
      long removed = sweep.getAsLong();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (removed > 0) {
        log.debug("{} - sweep removed {} expired items in {} ms", storeName, removed, millis);
      }
    } catch (RuntimeException e) {
      // A failed round must not end the schedule: the next round retries.
      log.warn("{} - sweep of expired items failed; retrying next round", storeName, e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
