package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.NotFoundException;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thread TTLs: expiry after the last write, refresh on read, sweeping. Time moves by the clock. */
public interface CheckpointTtlContract extends CheckpointFixture {

  Duration HOUR = Duration.ofMinutes(60);

  private CheckpointStore withTtl(boolean refreshOnRead) {
    return checkpoints(b -> b.defaultTtl(HOUR).refreshOnRead(refreshOnRead));
  }

  @Test
  default void withoutADefaultTtlThreadsNeverExpire() {
    putStep("t1", "1", 0);
    clock().advance(Duration.ofDays(3650));
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1"))).isPresent();
  }

  @Test
  default void aThreadExpiresTheTtlAfterItsLastPutAndVanishesFromEveryRead() {
    CheckpointStore store = withTtl(false);
    putStep(store, "t1", "", "1", 0);
    putStep(store, "t2", "", "1", 0);
    clock().advance(HOUR.minusNanos(1000));
    putStep(store, "t2", "", "2", 1);
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isPresent();

    clock().advance(Duration.ofNanos(1000));
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isEmpty();
    assertThat(store.getTuple(CheckpointConfig.of("t1", "", "1"))).isEmpty();
    assertThat(store.list(CheckpointConfig.of("t1"), CheckpointQuery.all())).isEmpty();
    assertThat(store.listThreads(10, null).threadIds()).containsExactly("t2");
    assertThat(store.stats().threads()).isEqualTo(1);
    assertThat(store.stats().checkpoints()).isEqualTo(2);
    assertThat(store.copyThread("t1", "t3")).isZero();
    assertThat(store.deleteThread("t1")).isFalse();
  }

  @Test
  default void putWritesRestartsTheTtl() {
    CheckpointStore store = withTtl(false);
    CheckpointConfig cp = putStep(store, "t1", "", "1", 0);
    clock().advance(Duration.ofMinutes(50));
    store.putWrites(cp, List.of(write("a", "x")), "task", "");
    clock().advance(Duration.ofMinutes(50));
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isPresent();
  }

  @Test
  default void readsRestartTheTtlWhenConfigured() {
    CheckpointStore store = withTtl(true);
    putStep(store, "t1", "", "1", 0);
    clock().advance(Duration.ofMinutes(50));
    store.getTuple(CheckpointConfig.of("t1"));
    clock().advance(Duration.ofMinutes(50));
    store.list(CheckpointConfig.of("t1"), CheckpointQuery.all());
    clock().advance(Duration.ofMinutes(50));
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isPresent();
    clock().advance(HOUR);
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isEmpty();
  }

  @Test
  default void readsLeaveTheTtlAloneWhenNotConfigured() {
    CheckpointStore store = withTtl(false);
    putStep(store, "t1", "", "1", 0);
    clock().advance(Duration.ofMinutes(50));
    store.getTuple(CheckpointConfig.of("t1"));
    store.list(CheckpointConfig.of("t1"), CheckpointQuery.all());
    clock().advance(Duration.ofMinutes(10));
    assertThat(store.getTuple(CheckpointConfig.of("t1"))).isEmpty();
  }

  @Test
  default void aPutToAnExpiredThreadStartsItAfresh() {
    CheckpointStore store = withTtl(false);
    putStep(store, "t1", "", "1", 0);
    clock().advance(Duration.ofHours(2));
    putStep(store, "t1", "", "2", 0);
    assertThat(idsOf(store.list(CheckpointConfig.of("t1"), CheckpointQuery.all())))
        .containsExactly("2");
  }

  @Test
  default void writesToAnExpiredThreadAreNotFound() {
    CheckpointStore store = withTtl(false);
    CheckpointConfig cp = putStep(store, "t1", "", "1", 0);
    clock().advance(Duration.ofHours(2));
    assertThatThrownBy(() -> store.putWrites(cp, List.of(write("a", "x")), "task", ""))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void sweepDeletesExpiredThreadsInBatches() {
    CheckpointStore store = checkpoints(b -> b.defaultTtl(HOUR).sweepBatchSize(2));
    for (int i = 0; i < 5; i++) {
      CheckpointConfig cp = putStep(store, "old" + i, "", "1", 0);
      store.putWrites(cp, List.of(write("a", "x")), "task", "");
    }
    clock().advance(Duration.ofMinutes(30));
    putStep(store, "young", "", "1", 0);
    clock().advance(Duration.ofMinutes(31));

    assertThat(store.sweepExpired()).isEqualTo(5);
    assertThat(store.sweepExpired()).isZero();
    assertThat(store.listThreads(10, null).threadIds()).containsExactly("young");
  }
}
