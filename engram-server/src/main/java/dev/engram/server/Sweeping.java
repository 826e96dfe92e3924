package dev.engram.server;

import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's sweeper of expired items, conversations and checkpoint threads. The server sweeps
 * itself (rather than each store's own background sweep) so that each round shows in the metrics;
 * the stores it serves are opened without a background sweep for that reason.
 */
final class Sweeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sweeping.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("engram-server-sweeper").unstarted(runnable));

  Sweeping(Store store, ConversationStore conversations, CheckpointStore checkpoints,
      Duration interval, ServerMetrics metrics) {
    Map<String, LongSupplier> kinds = Map.of(
        "items", store::sweepExpired,
        "conversations", conversations::cleanup,
        "threads", checkpoints::sweepExpired);
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> kinds.forEach((kind, sweep) -> {
      try {
        long removed = sweep.getAsLong();
        metrics.sweep(kind, removed, false);
        if (removed > 0) {
          log.info("{} - sweep removed {} expired {}", store, removed, kind);
        }
      } catch (RuntimeException e) {
        // A failed round must not end the schedule: the next one retries.
        metrics.sweep(kind, 0, true);
        log.warn("{} - sweep of expired {} failed; retrying next round", store, kind, e);
      }
    }), millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
