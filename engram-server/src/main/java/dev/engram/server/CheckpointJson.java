package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checkpoints on the wire, in the field names of LangGraph's checkpointer and of Engram's export
 * files: a config is {@code thread_id}, {@code checkpoint_ns}, {@code checkpoint_id}; a typed
 * value (a blob, a write) is its serializer's {@code type} and its bytes as {@code data_base64}.
 */
final class CheckpointJson {
  static final Set<String> PUT_FIELDS =
      Set.of("checkpoint_ns", "parent_checkpoint_id", "checkpoint", "metadata");
  static final Set<String> WRITES_FIELDS = Set.of("checkpoint_ns", "task_id", "task_path", "writes");
  private static final Set<String> CHECKPOINT_FIELDS = Set.of("id", "ts", "state", "blobs");
  private static final Set<String> TYPED_FIELDS = Set.of("type", "data_base64");
  private static final Set<String> WRITE_FIELDS = Set.of("channel", "type", "data_base64");

  private CheckpointJson() {}

  /** The checkpoint of a put body. */
  static Checkpoint checkpoint(Body body) {
    Body json = Body.of(body.raw("checkpoint"), "checkpoint").allowOnly(CHECKPOINT_FIELDS);
    Map<String, TypedValue> blobs = new LinkedHashMap<>();
    Map<String, Object> blobJson = json.optionalObject("blobs");
    if (blobJson != null) {
      blobJson.forEach((name, value) -> blobs.put(name, typed(
          Body.of(value, "checkpoint blob \"" + name + "\"").allowOnly(TYPED_FIELDS))));
    }
    return new Checkpoint(json.optionalString("id"), instant(json.optionalString("ts"), "ts"),
        json.optionalObject("state"), blobs);
  }

  /** The writes of a putWrites body, each named by its index in errors. */
  static List<Write> writes(Body body) {
    List<?> json = body.array("writes");
    List<Write> writes = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      Body write = Body.of(json.get(i), "write " + i).allowOnly(WRITE_FIELDS);
      writes.add(new Write(write.string("channel"), typed(write)));
    }
    return writes;
  }

  private static TypedValue typed(Body json) {
    String data = json.string("data_base64");
    try {
      return TypedValue.of(json.string("type"), Base64.getDecoder().decode(data));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("data_base64 is not base64: " + e.getMessage(), e);
    }
  }

  private static @Nullable Instant instant(@Nullable String text, String field) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " must be an ISO-8601 instant, was \"" + text + "\"");
    }
  }

  static Map<String, Object> config(CheckpointConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("thread_id", config.threadId());
    json.put("checkpoint_ns", config.checkpointNs());
    json.put("checkpoint_id", config.checkpointId());
    return json;
  }

  static Map<String, Object> tuple(CheckpointTuple tuple) {
    Checkpoint checkpoint = tuple.checkpoint();
    Map<String, Object> blobs = new LinkedHashMap<>();
    checkpoint.blobs().forEach((name, value) -> blobs.put(name, typed(value, new LinkedHashMap<>())));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("id", checkpoint.id());
    state.put("ts", checkpoint.ts() == null ? null : checkpoint.ts().toString());
    state.put("state", checkpoint.state());
    state.put("blobs", blobs);
    List<Object> writes = new ArrayList<>(tuple.pendingWrites().size());
    for (PendingWrite write : tuple.pendingWrites()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("task_id", write.taskId());
      json.put("task_path", write.taskPath());
      json.put("channel", write.channel());
      writes.add(typed(write.value(), json));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", config(tuple.config()));
    json.put("checkpoint", state);
    json.put("metadata", tuple.metadata());
    json.put("parent_config", tuple.parentConfig() == null ? null : config(tuple.parentConfig()));
    json.put("pending_writes", writes);
    return json;
  }

  private static Map<String, Object> typed(TypedValue value, Map<String, Object> into) {
    into.put("type", value.type());
    into.put("data_base64", Base64.getEncoder().encodeToString(value.data()));
    return into;
  }

  static Map<String, Object> stats(CheckpointStats stats) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("threads", stats.threads());
    json.put("checkpoints", stats.checkpoints());
    json.put("writes", stats.writes());
    return json;
  }
}
