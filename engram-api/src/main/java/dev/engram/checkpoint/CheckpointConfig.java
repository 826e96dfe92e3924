package dev.engram.checkpoint;

import dev.engram.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Addresses checkpoints, as LangGraph's {@code configurable}: a thread, a namespace within it (the
 * empty string for the root graph, a subgraph's path otherwise) and optionally one checkpoint.
 *
 * @param threadId the conversation thread the checkpoints belong to
 * @param checkpointNs the namespace within the thread; {@code ""} by default
 * @param checkpointId one checkpoint, or null for the latest (in {@link CheckpointStore#put}: the
 *     parent of the new checkpoint)
 */
public record CheckpointConfig(String threadId, String checkpointNs, @Nullable String checkpointId) {

  public CheckpointConfig {
    if (threadId == null || threadId.isEmpty()) {
      throw new InvalidInputException("threadId must not be empty");
    }
    if (checkpointNs == null) {
      checkpointNs = "";
    }
    if (checkpointId != null && checkpointId.isEmpty()) {
      throw new InvalidInputException(
          "checkpointId of thread " + threadId + " must not be empty (use null for the latest)");
    }
  }

  /** The latest checkpoint of the thread's root namespace. */
  public static CheckpointConfig of(String threadId) {
    return new CheckpointConfig(threadId, "", null);
  }

  /** The latest checkpoint of a namespace of the thread. */
  public static CheckpointConfig of(String threadId, String checkpointNs) {
    return new CheckpointConfig(threadId, checkpointNs, null);
  }

  /** One checkpoint. */
  public static CheckpointConfig of(String threadId, String checkpointNs, String checkpointId) {
    return new CheckpointConfig(threadId, checkpointNs, checkpointId);
  }

  /** This thread and namespace, pointing at {@code checkpointId} (null: the latest). */
  public CheckpointConfig withCheckpointId(@Nullable String checkpointId) {
    return new CheckpointConfig(threadId, checkpointNs, checkpointId);
  }
}
