package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.write;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.ThreadPage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** list (newest first, limit, before, metadata filter, namespaces), listThreads and stats. */
public interface CheckpointListContract extends CheckpointFixture {

  private void threeSteps(String thread) {
    CheckpointConfig c1 = putStep(thread, "1", 0);
    checkpoints().putWrites(c1, List.of(write("a", "x")), "task", "");
    putStep(thread, "2", 1);
    putStep(thread, "3", 2);
  }

  @Test
  default void listReturnsNewestFirstWithWritesAndParents() {
    CheckpointConfig c1 = putStep("t1", "1", 0);
    checkpoints().putWrites(c1, List.of(write("a", "x")), "task", "");
    CheckpointConfig c2 = checkpoints().put(c1,
        dev.engram.checkpoint.Checkpoint.of(java.util.Map.of()).withId("2"), object("step", 1));

    List<CheckpointTuple> all = listAll("t1");
    assertThat(idsOf(all)).containsExactly("2", "1");
    assertThat(all.get(0).parentConfig()).isEqualTo(c1);
    assertThat(all.get(0).config()).isEqualTo(c2);
    assertThat(all.get(1).pendingWrites()).hasSize(1);
    assertThat(all.get(1).parentConfig()).isNull();
  }

  @Test
  default void listStopsAtTheLimit() {
    threeSteps("t1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"),
        CheckpointQuery.builder().limit(2).build()))).containsExactly("3", "2");
  }

  @Test
  default void listBeforeGivesOnlyOlderCheckpoints() {
    threeSteps("t1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .before(CheckpointConfig.of("t1", "", "3")).build()))).containsExactly("2", "1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .before(CheckpointConfig.of("t1", "", "2")).limit(5).build()))).containsExactly("1");
  }

  @Test
  default void listFiltersOnMetadata() {
    threeSteps("t1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .filter(object("source", "loop")).build()))).containsExactly("3", "2");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .filter(object("step", object("$lt", 2), "source", "loop")).build())))
        .containsExactly("2");
    assertThat(checkpoints().list(CheckpointConfig.of("t1"), CheckpointQuery.builder()
        .filter(object("source", "update")).build())).isEmpty();
  }

  @Test
  default void aConfigNamingACheckpointListsOnlyThatOne() {
    threeSteps("t1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1", "", "2"), CheckpointQuery.all())))
        .containsExactly("2");
  }

  @Test
  default void listIsPerNamespaceUnlessAskedForAll() {
    putStep(checkpoints(), "t1", "", "1", 0);
    putStep(checkpoints(), "t1", "sub", "2", 0);
    putStep(checkpoints(), "t1", "", "3", 1);

    assertThat(idsOf(listAll("t1"))).containsExactly("3", "1");
    assertThat(idsOf(checkpoints().list(CheckpointConfig.of("t1", "sub"), CheckpointQuery.all())))
        .containsExactly("2");
    List<CheckpointTuple> every = checkpoints().list(CheckpointConfig.of("t1"),
        CheckpointQuery.builder().allNamespaces(true).build());
    assertThat(idsOf(every)).containsExactly("3", "2", "1");
    assertThat(every.get(1).config().checkpointNs()).isEqualTo("sub");
  }

  @Test
  default void listOfAnAbsentThreadIsEmpty() {
    threeSteps("t1");
    assertThat(listAll("t2")).isEmpty();
  }

  @Test
  default void listThreadsPagesInIdOrder() {
    for (String thread : List.of("c", "a", "d", "b")) {
      putStep(thread, "1", 0);
    }
    ThreadPage first = checkpoints().listThreads(3, null);
    assertThat(first.threadIds()).containsExactly("a", "b", "c");
    ThreadPage second = checkpoints().listThreads(3, first.nextCursor());
    assertThat(second.threadIds()).containsExactly("d");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  default void statsCountThreadsCheckpointsAndWrites() {
    threeSteps("t1");
    putStep(checkpoints(), "t2", "sub", "1", 0);
    CheckpointStats stats = checkpoints().stats();
    assertThat(stats).isEqualTo(new CheckpointStats(2, 4, 1));
  }
}
