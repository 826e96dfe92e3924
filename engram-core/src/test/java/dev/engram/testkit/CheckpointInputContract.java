package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.json;
import static dev.engram.testkit.CheckpointFixture.write;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.ValueTooLargeException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.core.CheckpointStoreBuilder;
import dev.engram.core.Engram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input is refused at once, naming what is wrong, and writes nothing. */
public interface CheckpointInputContract extends CheckpointFixture {

  /** A bad builder setting and the setting name its error must mention. */
  enum BadCheckpointSetting {
    ZERO_DEFAULT_TTL(b -> b.defaultTtl(Duration.ZERO), "defaultTtl"),
    NEGATIVE_DEFAULT_TTL(b -> b.defaultTtl(Duration.ofMinutes(-60)), "defaultTtl"),
    ZERO_SWEEP_BATCH_SIZE(b -> b.sweepBatchSize(0), "sweepBatchSize"),
    NEGATIVE_SWEEP_INTERVAL(b -> b.sweepInterval(Duration.ofSeconds(-1)), "sweepInterval"),
    TINY_MAX_STATE_BYTES(b -> b.maxStateBytes(1), "maxStateBytes"),
    NULL_CLOCK(b -> b.clock(null), "clock");

    final Consumer<CheckpointStoreBuilder> apply;
    final String setting;

    BadCheckpointSetting(Consumer<CheckpointStoreBuilder> apply, String setting) {
      this.apply = apply;
      this.setting = setting;
    }
  }

  @ParameterizedTest
  @EnumSource(BadCheckpointSetting.class)
  default void checkpointBuilderRefusesBadSettingsNamingThem(BadCheckpointSetting bad) {
    assertInvalid(() -> bad.apply.accept(Engram.checkpoints(storeUri())))
        .hasMessageContaining(bad.setting);
  }

  @Test
  default void recordsAndOptionsRefuseNonsense() {
    assertInvalid(() -> CheckpointConfig.of("")).hasMessageContaining("threadId");
    assertInvalid(() -> CheckpointConfig.of("t", "", "")).hasMessageContaining("checkpointId");
    assertInvalid(() -> TypedValue.of("", new byte[0])).hasMessageContaining("type");
    assertInvalid(() -> TypedValue.of("json", null)).hasMessageContaining("data");
    assertInvalid(() -> new Write("", json("x"))).hasMessageContaining("channel");
    assertInvalid(() -> new Write("a", null)).hasMessageContaining("a");
    assertInvalid(() -> Checkpoint.of(Map.of()).withBlob("", json("x")))
        .hasMessageContaining("blob");
    assertInvalid(() -> CheckpointQuery.builder().limit(0)).hasMessageContaining("limit");
    assertInvalid(() -> CheckpointQuery.builder().before(CheckpointConfig.of("t")))
        .hasMessageContaining("before");
  }

  @Test
  default void badIdsAreRefusedAndWriteNothing() {
    for (String bad : Arrays.asList("a\u0000b", "x".repeat(1025), "lone\uD800")) {
      assertInvalid(() -> putStep(bad, "1", 0)).hasMessageContaining("threadId");
      assertInvalid(() -> putStep("t1", bad, 0)).hasMessageContaining("checkpoint id");
      assertInvalid(() -> checkpoints().put(CheckpointConfig.of("t1", bad), Checkpoint.of(Map.of()),
          Map.of())).hasMessageContaining("checkpointNs");
    }
    assertThat(checkpoints().stats().threads()).isZero();
  }

  @Test
  default void badWritesAreRefusedNamingThem() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    List<Write> withNull = new ArrayList<>(List.of(write("a", "x")));
    withNull.add(null);
    assertInvalid(() -> checkpoints().putWrites(cp, withNull, "task", ""))
        .hasMessageContaining("write 1");
    assertInvalid(() -> checkpoints().putWrites(cp, null, "task", ""))
        .hasMessageContaining("writes");
    assertInvalid(() -> checkpoints().putWrites(cp, List.of(write("a", "x")), "", ""))
        .hasMessageContaining("taskId");
    assertInvalid(() -> checkpoints().putWrites(cp, List.of(write("a\u0000", "x")), "t", ""))
        .hasMessageContaining("channel");
    assertThat(latest("t1").pendingWrites()).isEmpty();
  }

  @Test
  default void nullArgumentsAreRefused() {
    assertInvalid(() -> checkpoints().put(null, Checkpoint.of(Map.of()), Map.of()))
        .hasMessageContaining("config");
    assertInvalid(() -> checkpoints().put(CheckpointConfig.of("t1"), null, Map.of()))
        .hasMessageContaining("checkpoint");
    assertInvalid(() -> checkpoints().list(CheckpointConfig.of("t1"), null))
        .hasMessageContaining("query");
    assertInvalid(() -> checkpoints().prune(null, PruneStrategy.DELETE))
        .hasMessageContaining("threadIds");
    assertInvalid(() -> checkpoints().prune(List.of("t1"), null))
        .hasMessageContaining("strategy");
  }

  @Test
  default void valuesThatAreNotJsonAreRefused() {
    assertInvalid(() -> checkpoints().put(CheckpointConfig.of("t1"),
        Checkpoint.of(Map.of("x", new Object())), Map.of())).hasMessageContaining("state");
    assertInvalid(() -> checkpoints().put(CheckpointConfig.of("t1"), Checkpoint.of(Map.of()),
        Map.of("x", Double.NaN))).hasMessageContaining("metadata");
  }

  @Test
  default void aStateOverTheLimitIsRefused() {
    CheckpointStore store = checkpoints(b -> b.maxStateBytes(100));
    assertThatThrownBy(() -> store.put(CheckpointConfig.of("t1"),
        Checkpoint.of(Map.of("big", "x".repeat(200))), Map.of()))
        .isInstanceOf(ValueTooLargeException.class).hasMessageContaining("state");
  }

  @Test
  default void badFiltersCursorsAndLimitsAreRefused() {
    assertInvalid(() -> checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .filter(object("step", object("$in", 3))).build())).hasMessageContaining("step");
    assertInvalid(() -> checkpoints().listThreads(0, null)).hasMessageContaining("limit");
    assertInvalid(() -> checkpoints().listThreads(1001, null)).hasMessageContaining("limit");
    assertInvalid(() -> checkpoints().listThreads(10, "garbage")).hasMessageContaining("cursor");
  }
}
