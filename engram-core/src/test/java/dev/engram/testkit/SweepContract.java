package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.Store;
import dev.engram.StoreOp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sweepExpired(): removes exactly the expired items, in as many rounds as it takes. */
public interface SweepContract extends StoreFixture {

  /** Puts {@code count} items in one batch, so that large counts stay quick on every backend. */
  private static void putItems(Store store, String prefix, int count, Duration ttl) {
    PutOptions options = withTtl(ttl);
    List<StoreOp> puts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      puts.add(StoreOp.put(ns("sweep"), prefix + i, object("i", i), options));
    }
    store.batch(puts);
  }

  @Test
  default void sweepOfAnEmptyStoreRemovesNothing() {
    assertThat(store().sweepExpired()).isZero();
  }

  @Test
  default void sweepRemovesExactlyTheExpiredItems() {
    putItems(store(), "short-", 3, Duration.ofMinutes(1));
    putItems(store(), "long-", 2, Duration.ofHours(1));
    store().put(ns("sweep"), "forever", object("a", 1));
    clock().advance(Duration.ofMinutes(5));

    assertThat(store().sweepExpired()).isEqualTo(3);
    assertThat(keys(searchAll(Namespace.root())))
        .containsExactlyInAnyOrder("long-0", "long-1", "forever");
    assertThat(store().sweepExpired()).isZero();
  }

  @Test
  default void sweepKeepsGoingPastItsBatchSize() {
    Store store = store(b -> b.sweepBatchSize(2));
    putItems(store, "expired-", 5, Duration.ofMinutes(1));
    putItems(store, "live-", 3, Duration.ofHours(1));
    clock().advance(Duration.ofMinutes(5));

    assertThat(store.sweepExpired()).isEqualTo(5);
    assertThat(store.sweepExpired()).isZero();
  }

  @Test
  default void sweepHandlesMoreThanOneDefaultRound() {
    putItems(store(), "expired-", 2500, Duration.ofMinutes(1));
    clock().advance(Duration.ofMinutes(5));
    assertThat(store().sweepExpired()).isEqualTo(2500);
  }

  @Test
  default void itemExpiringExactlyNowIsSweptOneExpiringLaterIsNot() {
    Instant expiresAt =
        store()
            .put(ns("sweep"), "now", object("a", 1), withTtl(Duration.ofMinutes(1)))
            .expiresAt();
    clock().advance(Duration.ofNanos(1000));
    store().put(ns("sweep"), "later", object("a", 1), withTtl(Duration.ofMinutes(1)));
    clock().set(expiresAt);

    assertThat(store().sweepExpired()).isEqualTo(1);
    assertThat(store().get(ns("sweep"), "later", false)).isPresent();
  }

  @Test
  default void refreshedItemIsNotSwept() {
    putItems(store(), "k", 1, Duration.ofMinutes(10));
    clock().advance(Duration.ofMinutes(8));
    store().get(ns("sweep"), "k0", true);
    clock().advance(Duration.ofMinutes(8));

    assertThat(store().sweepExpired()).isZero();
    assertThat(store().get(ns("sweep"), "k0", false)).isPresent();
  }

  @Test
  default void sweptKeyCanBeWrittenAgainFromVersionOne() {
    putItems(store(), "k", 1, Duration.ofMinutes(1));
    clock().advance(Duration.ofMinutes(2));
    store().sweepExpired();
    assertThat(store().put(ns("sweep"), "k0", object("a", 2)).version()).isEqualTo(1);
  }
}
