package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.json;
import static dev.engram.testkit.CheckpointFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.NotFoundException;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.SpecialChannels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** putWrites with LangGraph's rules: normal writes insert once, special channels replace. */
public interface CheckpointWritesContract extends CheckpointFixture {

  @Test
  default void writesComeBackWithTheirCheckpointInTaskThenIndexOrder() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("a", "1"), write("b", "2")), "task-b", "");
    checkpoints().putWrites(cp, List.of(write("c", "3")), "task-a", "");

    assertThat(latest("t1").pendingWrites()).containsExactly(
        new PendingWrite("task-a", "", "c", json("3")),
        new PendingWrite("task-b", "", "a", json("1")),
        new PendingWrite("task-b", "", "b", json("2")));
  }

  @Test
  default void aNormalWriteIsKeptOnlyTheFirstTime() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("a", "first")), "task", "");
    checkpoints().putWrites(cp, List.of(write("a", "second"), write("b", "new")), "task", "");

    assertThat(latest("t1").pendingWrites()).containsExactly(
        new PendingWrite("task", "", "a", json("first")),
        new PendingWrite("task", "", "b", json("new")));
  }

  @Test
  default void aSpecialChannelWriteReplacesTheLastOne() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write(SpecialChannels.ERROR, "boom")), "task", "");
    checkpoints().putWrites(cp, List.of(write(SpecialChannels.ERROR, "boom again")), "task", "");

    assertThat(latest("t1").pendingWrites())
        .containsExactly(new PendingWrite("task", "", SpecialChannels.ERROR, json("boom again")));
  }

  @Test
  default void specialChannelsTakeFixedIndexesBeforeNormalOnes() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("a", "1"), write(SpecialChannels.INTERRUPT, "i1")),
        "task", "");
    checkpoints().putWrites(cp, List.of(write(SpecialChannels.RESUME, "r"),
        write(SpecialChannels.INTERRUPT, "i2"), write(SpecialChannels.SCHEDULED, "s")), "task", "");

    assertThat(latest("t1").pendingWrites()).extracting(PendingWrite::channel).containsExactly(
        SpecialChannels.RESUME, SpecialChannels.INTERRUPT, SpecialChannels.SCHEDULED, "a");
    assertThat(latest("t1").pendingWrites().get(1).value()).isEqualTo(json("i2"));
    assertThat(SpecialChannels.index(SpecialChannels.ERROR)).isEqualTo(-1);
    assertThat(SpecialChannels.index("messages")).isNull();
  }

  @Test
  default void writesOrderByTaskPathBeforeTaskId() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("x", "1")), "a-task", "~2");
    checkpoints().putWrites(cp, List.of(write("y", "2")), "z-task", "~1");

    assertThat(latest("t1").pendingWrites()).containsExactly(
        new PendingWrite("z-task", "~1", "y", json("2")),
        new PendingWrite("a-task", "~2", "x", json("1")));
  }

  @Test
  default void writesBelongToTheirCheckpointOnly() {
    CheckpointConfig first = putStep("t1", "1", 0);
    checkpoints().putWrites(first, List.of(write("a", "1")), "task", "");
    putStep("t1", "2", 1);

    assertThat(latest("t1").pendingWrites()).isEmpty();
    assertThat(checkpoints().getTuple(first).orElseThrow().pendingWrites()).hasSize(1);
  }

  @Test
  default void replacingACheckpointKeepsItsWrites() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("a", "1")), "task", "");
    putStep("t1", "1", 0);
    assertThat(latest("t1").pendingWrites()).hasSize(1);
  }

  @Test
  default void writesToAMissingCheckpointAreNotFound() {
    putStep("t1", "1", 0);
    assertThatThrownBy(() -> checkpoints().putWrites(CheckpointConfig.of("t1", "", "nope"),
        List.of(write("a", "1")), "task", ""))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nope")
        .hasMessageContaining("t1");
    assertThatThrownBy(() -> checkpoints().putWrites(CheckpointConfig.of("t2", "", "1"),
        List.of(write("a", "1")), "task", "")).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void writesNeedAConfigNamingACheckpoint() {
    putStep("t1", "1", 0);
    assertInvalid(() -> checkpoints().putWrites(CheckpointConfig.of("t1"),
        List.of(write("a", "1")), "task", "")).hasMessageContaining("t1");
  }

  @Test
  default void aNullTaskPathMeansEmpty() {
    CheckpointConfig cp = putStep("t1", "1", 0);
    checkpoints().putWrites(cp, List.of(write("a", "1")), "task", null);
    assertThat(latest("t1").pendingWrites().get(0).taskPath()).isEmpty();
  }
}
