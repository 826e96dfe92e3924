package dev.engram.checkpoint;

/**
 * A write stored against a checkpoint by {@link CheckpointStore#putWrites}, returned with it in
 * {@link CheckpointTuple#pendingWrites()}.
 *
 * @param taskId the task that wrote it
 * @param taskPath the task's path in the graph ({@code ""} when not given)
 * @param channel the channel written
 * @param value the serialized value
 */
public record PendingWrite(String taskId, String taskPath, String channel, TypedValue value) {}
