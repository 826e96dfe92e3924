package dev.engram.checkpoint;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint with everything LangGraph reads along with it.
 *
 * @param config the checkpoint's address, {@code checkpointId} set
 * @param checkpoint the snapshot, {@code id} and {@code ts} set
 * @param metadata the JSON object given with it to {@link CheckpointStore#put}
 * @param parentConfig the address of the checkpoint it followed, or null for the first
 * @param pendingWrites the writes stored against it, ordered by task path, task id, then index
 */
public record CheckpointTuple(
    CheckpointConfig config,
    Checkpoint checkpoint,
    Map<String, Object> metadata,
    @Nullable CheckpointConfig parentConfig,
    List<PendingWrite> pendingWrites) {}
