package dev.engram.spi;

import dev.engram.checkpoint.TypedValue;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint checked and resolved by the engine, ready to store: id and timestamp assigned,
 * state and metadata encoded once.
 *
 * @param parentId the checkpoint it follows in the same thread and namespace, or null
 */
public record StoredCheckpoint(
    String threadId,
    String checkpointNs,
    String checkpointId,
    @Nullable String parentId,
    Instant ts,
    EncodedValue state,
    Map<String, TypedValue> blobs,
    EncodedValue metadata) {}
