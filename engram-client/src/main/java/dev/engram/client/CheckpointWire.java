package dev.engram.client;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checkpoints on the wire, both ways: configs as {@code thread_id}, {@code checkpoint_ns}, {@code
 * checkpoint_id}; typed values (blobs, writes) as their {@code type} and {@code data_base64}.
 */
final class CheckpointWire {
  private CheckpointWire() {}

  /** The body of a put; state and metadata are checked first, so errors name them. */
  static Map<String, Object> put(
      CheckpointConfig config, Checkpoint checkpoint, Map<String, Object> metadata) {
    Json.check(checkpoint.state(), "state");
    Json.check(metadata, "metadata");
    Map<String, Object> blobs = new LinkedHashMap<>();
    checkpoint.blobs().forEach((name, value) -> blobs.put(name, typed(value, new LinkedHashMap<>())));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", checkpoint.id());
    json.put("ts", checkpoint.ts() == null ? null : checkpoint.ts().toString());
    json.put("state", checkpoint.state());
    json.put("blobs", blobs);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("checkpoint_ns", config.checkpointNs());
    body.put("parent_checkpoint_id", config.checkpointId());
    body.put("checkpoint", json);
    body.put("metadata", metadata);
    return body;
  }

  /** The body of a putWrites; a null write stays null, for the server to refuse naming it. */
  static Map<String, Object> writes(
      CheckpointConfig config, List<Write> writes, String taskId, String taskPath) {
    List<@Nullable Object> json = new ArrayList<>(writes.size());
    for (Write write : writes) {
      if (write == null) {
        json.add(null);
        continue;
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("channel", write.channel());
      json.add(typed(write.value(), w));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("checkpoint_ns", config.checkpointNs());
    body.put("task_id", taskId);
    body.put("task_path", taskPath);
    body.put("writes", json);
    return body;
  }

  private static Map<String, Object> typed(TypedValue value, Map<String, Object> into) {
    into.put("type", value.type());
    into.put("data_base64", Base64.getEncoder().encodeToString(value.data()));
    return into;
  }

  private static TypedValue typed(Map<String, Object> json) {
    return TypedValue.of((String) json.get("type"),
        Base64.getDecoder().decode((String) json.get("data_base64")));
  }

  static CheckpointConfig config(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "checkpoint config");
    return new CheckpointConfig((String) m.get("thread_id"), (String) m.get("checkpoint_ns"),
        (String) m.get("checkpoint_id"));
  }

  @SuppressWarnings("unchecked")
  static CheckpointTuple tuple(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "checkpoint tuple");
    Map<String, Object> c = StoreWire.object(m.get("checkpoint"), "checkpoint");
    Map<String, TypedValue> blobs = new LinkedHashMap<>();
    StoreWire.object(c.get("blobs"), "blobs")
        .forEach((name, value) -> blobs.put(name, typed(StoreWire.object(value, "blob"))));
    Object ts = c.get("ts");
    Checkpoint checkpoint = new Checkpoint((String) c.get("id"),
        ts == null ? null : Instant.parse((String) ts),
        (Map<String, Object>) c.get("state"), blobs);
    List<PendingWrite> writes = new ArrayList<>();
    for (Object write : StoreWire.list(m.get("pending_writes"), "pending_writes")) {
      Map<String, Object> w = StoreWire.object(write, "pending write");
      writes.add(new PendingWrite((String) w.get("task_id"), (String) w.get("task_path"),
          (String) w.get("channel"), typed(w)));
    }
    Object parent = m.get("parent_config");
    return new CheckpointTuple(config(m.get("config")), checkpoint,
        (Map<String, Object>) m.get("metadata"), parent == null ? null : config(parent),
        List.copyOf(writes));
  }

  static List<CheckpointTuple> tuples(@Nullable Object json) {
    List<CheckpointTuple> tuples = new ArrayList<>();
    for (Object tuple : StoreWire.list(StoreWire.object(json, "checkpoint listing")
        .get("checkpoints"), "checkpoints")) {
      tuples.add(tuple(tuple));
    }
    return tuples;
  }

  static CheckpointStats stats(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "checkpoint stats");
    return new CheckpointStats(ConversationWire.count(m, "threads"),
        ConversationWire.count(m, "checkpoints"), ConversationWire.count(m, "writes"));
  }
}
