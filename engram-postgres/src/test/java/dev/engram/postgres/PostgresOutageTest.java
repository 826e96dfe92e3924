package dev.engram.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.core.Engram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database dies in the middle of a write loop and comes back: writes during the outage fail
 * with {@link BackendUnavailableException} in bounded time instead of hanging, every acknowledged
 * write survives, and the same store instance works again without being reopened. Runs on a private
 * server, since the shared one must stay up for everyone else.
 */
@Timeout(180)
class PostgresOutageTest {
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final int SOCKET_TIMEOUT_MS = 2_000;
  /** Upper bound for one failing call: the longest wait it may legitimately take, plus slack. */
  private static final long FAIL_WITHIN_MS = CONNECT_TIMEOUT_MS + SOCKET_TIMEOUT_MS + 3_000;
  private static final Namespace NS = Namespace.of("outage");

  /** One write the loop attempted while the server was down. */
  private record Failure(long elapsedMs, RuntimeException error) {}

  @Test
  void writesFailFastDuringAnOutageAndTheSameStoreRecoversWithEveryAcknowledgedWrite()
      throws Exception {
    try (PrivatePostgres server = PrivatePostgres.start();
        Store store =
            Engram.store("postgresql://postgres@127.0.0.1:" + server.port() + "/postgres"
                    + "?poolSize=4&connectTimeoutMs=" + CONNECT_TIMEOUT_MS + "&socketTimeoutMs="
                    + SOCKET_TIMEOUT_MS)
                .backgroundSweep(false)
                .open()) {
      ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger next = new AtomicInteger();
      AtomicBoolean down = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger afterRestart = new AtomicInteger();

      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        while (!stop.get()) {
          int i = next.getAndIncrement();
          long start = System.nanoTime();
          try {
            store.put(NS, "k" + i, Map.of("i", i));
            acknowledged.add(i);
            if (!down.get() && !failures.isEmpty()) {
              afterRestart.incrementAndGet();
            }
          } catch (BackendUnavailableException e) {
            failures.add(new Failure(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e));
          }
        }
      });

      awaitCount(acknowledged::size, 200, "writes before the outage");
      down.set(true);
      server.stopImmediately();
      awaitCount(failures::size, 5, "failed writes during the outage");
      int ackedBeforeRestart = acknowledged.size();
      server.startServer();
      down.set(false);
      awaitCount(afterRestart::get, 50, "writes after the restart");
      stop.set(true);
      writer.get(30, TimeUnit.SECONDS);

      List<Failure> failed = new ArrayList<>(failures);
      assertThat(failed).hasSizeGreaterThanOrEqualTo(5);
      for (Failure f : failed) {
        assertThat(f.error()).hasMessageContaining(
            "postgresql://postgres@127.0.0.1:" + server.port() + "/postgres");
        assertThat(f.elapsedMs()).as("a failing write returned in time: %s", f.error())
            .isLessThan(FAIL_WITHIN_MS);
      }
      assertThat(acknowledged.size()).isGreaterThan(ackedBeforeRestart);
      System.out.printf(
          "outage: %d writes acknowledged, %d failed while the server was down (slowest failure"
              + " %d ms, bound %d ms)%n", acknowledged.size(), failed.size(),
          failed.stream().mapToLong(Failure::elapsedMs).max().orElse(0), FAIL_WITHIN_MS);

      // Every write the store acknowledged is there, read through the same store instance.
      for (int i : acknowledged) {
        Optional<Item> item = store.get(NS, "k" + i, false);
        assertThat(item).as("acknowledged write k%d", i).isPresent();
        assertThat(item.get().value()).isEqualTo(Map.of("i", i));
      }
    }
  }

  private static void awaitCount(IntSupplier count, int atLeast, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count.getAsInt() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + atLeast + " " + what + ", saw "
            + count.getAsInt());
      }
      Thread.sleep(20);
    }
  }
}
