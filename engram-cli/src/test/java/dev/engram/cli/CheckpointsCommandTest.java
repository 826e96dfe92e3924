package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.core.Engram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsCommandTest {
  @TempDir Path dir;

  private Cli withThread() {
    Cli cli = Cli.sqlite(dir);
    try (CheckpointStore store = Engram.checkpoints(cli.storeUri()).open()) {
      CheckpointConfig first = store.put(CheckpointConfig.of("t1"),
          Checkpoint.of(Map.of("v", 1)).withId("1"), Map.of("step", 0));
      store.putWrites(first, List.of(new Write("a", TypedValue.of("json", new byte[] {1}))),
          "task", "");
      store.put(first, Checkpoint.of(Map.of("v", 1)).withId("2")
          .withBlob("messages", TypedValue.of("json", new byte[] {2})), Map.of("step", 1));
    }
    return cli;
  }

  @Test
  void listPrintsTheThreadsCheckpointsNewestFirst() {
    Cli.Result list = withThread().run("checkpoints", "list", "t1");
    assertThat(list.code()).as(list.toString()).isZero();
    List<Object> lines = list.jsonLines();
    assertThat(lines).hasSize(2);
    Map<?, ?> newest = (Map<?, ?>) lines.get(0);
    assertThat(newest.get("checkpoint_id")).isEqualTo("2");
    assertThat(newest.get("parent_checkpoint_id")).isEqualTo("1");
    assertThat(newest.get("metadata")).isEqualTo(Map.of("step", 1));
    assertThat(newest.get("blobs")).isEqualTo(List.of("messages"));
    assertThat(((Map<?, ?>) lines.get(1)).get("pending_writes")).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheThreadAndExitsOneWhenAbsent() {
    Cli cli = withThread();
    assertThat(cli.run("checkpoints", "delete", "t1").json()).isEqualTo(Map.of("deleted", true));
    assertThat(cli.run("checkpoints", "list", "t1").out()).isEmpty();
    Cli.Result again = cli.run("checkpoints", "delete", "t1");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("t1");
  }
}
