package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.json;
import static dev.engram.testkit.CheckpointFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.PruneStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole threads: delete, copy, prune. */
public interface CheckpointThreadContract extends CheckpointFixture {

  @Test
  default void deleteThreadRemovesEveryNamespaceAndSaysWhetherItDid() {
    CheckpointConfig c1 = putStep(checkpoints(), "t1", "", "1", 0);
    checkpoints().putWrites(c1, List.of(write("a", "x")), "task", "");
    putStep(checkpoints(), "t1", "sub", "2", 0);
    putStep(checkpoints(), "t2", "", "1", 0);

    assertThat(checkpoints().deleteThread("t1")).isTrue();
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1"))).isEmpty();
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1", "sub"))).isEmpty();
    assertThat(checkpoints().deleteThread("t1")).isFalse();
    assertThat(latest("t2").checkpoint().id()).isEqualTo("1");
    assertThat(checkpoints().stats().writes()).isZero();
  }

  @Test
  default void copyThreadCopiesCheckpointsWritesAndParents() {
    CheckpointConfig c1 = putStep(checkpoints(), "from", "", "1", 0);
    checkpoints().putWrites(c1, List.of(write("a", "x")), "task", "path");
    checkpoints().put(c1, dev.engram.checkpoint.Checkpoint.of(java.util.Map.of("s", 2)).withId("2")
        .withBlob("b", json("blob")), java.util.Map.of("step", 1));
    putStep(checkpoints(), "from", "sub", "3", 0);

    assertThat(checkpoints().copyThread("from", "to")).isEqualTo(3);

    List<CheckpointTuple> copied = checkpoints().list(CheckpointConfig.of("to"),
        CheckpointQuery.builder().allNamespaces(true).build());
    assertThat(idsOf(copied)).containsExactly("3", "2", "1");
    CheckpointTuple second = checkpoints().getTuple(CheckpointConfig.of("to", "", "2"))
        .orElseThrow();
    assertThat(second.parentConfig()).isEqualTo(CheckpointConfig.of("to", "", "1"));
    assertThat(second.checkpoint().blobs()).containsEntry("b", json("blob"));
    assertThat(second.checkpoint().state()).isEqualTo(java.util.Map.of("s", 2));
    assertThat(checkpoints().getTuple(CheckpointConfig.of("to", "", "1")).orElseThrow()
        .pendingWrites()).containsExactly(new PendingWrite("task", "path", "a", json("x")));
    assertThat(idsOf(listAll("from"))).containsExactly("2", "1");
  }

  @Test
  default void copyThreadKeepsCheckpointsTheTargetHas() {
    putStep(checkpoints(), "from", "", "1", 0);
    putStep(checkpoints(), "from", "", "2", 1);
    putStep(checkpoints(), "to", "", "1", 7);

    assertThat(checkpoints().copyThread("from", "to")).isEqualTo(1);
    assertThat(checkpoints().getTuple(CheckpointConfig.of("to", "", "1")).orElseThrow()
        .metadata().get("step")).isEqualTo(7);
  }

  @Test
  default void copyingAnAbsentThreadCopiesNothing() {
    assertThat(checkpoints().copyThread("nobody", "to")).isZero();
    assertThat(checkpoints().getTuple(CheckpointConfig.of("to"))).isEmpty();
    assertInvalid(() -> checkpoints().copyThread("t1", "t1")).hasMessageContaining("t1");
  }

  @Test
  default void pruneKeepLatestKeepsTheLatestOfEachNamespaceWithItsWrites() {
    putStep(checkpoints(), "t1", "", "1", 0);
    CheckpointConfig c2 = putStep(checkpoints(), "t1", "", "2", 1);
    checkpoints().putWrites(c2, List.of(write("a", "x")), "task", "");
    putStep(checkpoints(), "t1", "sub", "3", 0);
    putStep(checkpoints(), "t1", "sub", "4", 1);
    putStep(checkpoints(), "t2", "", "1", 0);
    putStep(checkpoints(), "t2", "", "2", 1);

    assertThat(checkpoints().prune(List.of("t1", "absent"), PruneStrategy.KEEP_LATEST))
        .isEqualTo(2);

    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"),
        CheckpointQuery.builder().allNamespaces(true).build()))).containsExactly("4", "2");
    assertThat(latest("t1").pendingWrites()).hasSize(1);
    assertThat(idsOf(listAll("t2"))).containsExactly("2", "1");
  }

  @Test
  default void pruneDeleteRemovesTheThreads() {
    putStep("t1", "1", 0);
    putStep("t1", "2", 1);
    putStep("t2", "1", 0);
    putStep("t3", "1", 0);

    assertThat(checkpoints().prune(List.of("t1", "t2"), PruneStrategy.DELETE)).isEqualTo(3);
    assertThat(checkpoints().listThreads(10, null).threadIds()).containsExactly("t3");
  }
}
