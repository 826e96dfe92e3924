package dev.engram.checkpoint;

import dev.engram.InvalidInputException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a thread's state.
 *
 * <p>{@code id} and {@code ts} may be null in a checkpoint given to {@link CheckpointStore#put}:
 * the store then assigns a time-ordered id (UUIDv7 style, so ids sort by creation time) and the
 * current time. Ids given by the caller must sort by time too (LangGraph's UUIDv6 ids do): the
 * latest checkpoint is the one with the greatest id.
 *
 * @param id unique within its thread and namespace; null asks the store to assign one
 * @param ts when the checkpoint was taken; null means now. Kept at microsecond precision
 * @param state the JSON part of the snapshot (for LangGraph, the checkpoint without channel values)
 * @param blobs named binary values (for LangGraph, the serialized channel values by channel)
 */
public record Checkpoint(
    @Nullable String id, @Nullable Instant ts, Map<String, Object> state,
    Map<String, TypedValue> blobs) {

  public Checkpoint {
    if (id != null && id.isEmpty()) {
      throw new InvalidInputException("checkpoint id must not be empty (use null to have one assigned)");
    }
    state = state == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(state));
    if (blobs == null) {
      blobs = Map.of();
    } else {
      for (Map.Entry<String, TypedValue> blob : blobs.entrySet()) {
        if (blob.getKey() == null || blob.getKey().isEmpty()) {
          throw new InvalidInputException("checkpoint blob names must not be empty");
        }
        if (blob.getValue() == null) {
          throw new InvalidInputException("checkpoint blob \"" + blob.getKey() + "\" is null");
        }
      }
      blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
    }
  }

  /** A checkpoint of this state, with a store-assigned id and time and no blobs. */
  public static Checkpoint of(Map<String, Object> state) {
    return new Checkpoint(null, null, state, Map.of());
  }

  /** This checkpoint with the given id. */
  public Checkpoint withId(String id) {
    return new Checkpoint(id, ts, state, blobs);
  }

  /** This checkpoint with one more blob (replacing one of the same name). */
  public Checkpoint withBlob(String name, TypedValue value) {
    Map<String, TypedValue> more = new LinkedHashMap<>(blobs);
    more.put(name, value);
    return new Checkpoint(id, ts, state, more);
  }
}
