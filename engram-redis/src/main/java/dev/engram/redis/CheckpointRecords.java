package dev.engram.redis;

import dev.engram.TextOrder;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.StoredCheckpoint;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON texts a thread's hashes hold, and the tuples read back from them. The connection speaks
 * UTF-8 text, so blob and write bytes travel as Base64 inside the JSON.
 *
 * <pre>
 * checkpoint: {"parent": id|null, "ts": epoch µs, "state": {...}, "metadata": {...},
 *              "blobs": {name: {"type": tag, "data": base64}}}
 * write:      {"task": id, "path": task path, "idx": n, "channel": name, "type": tag,
 *              "data": base64}
 * </pre>
 */
final class CheckpointRecords {
  /** LangGraph's order of pending writes: task path, task id, index. */
  private static final Comparator<Map<String, Object>> WRITE_ORDER =
      Comparator.<Map<String, Object>, String>comparing(w -> (String) w.get("path"),
              TextOrder.CODE_POINT)
          .thenComparing(w -> (String) w.get("task"), TextOrder.CODE_POINT)
          .thenComparingInt(w -> ((Number) w.get("idx")).intValue());

  private CheckpointRecords() {}

  static String checkpoint(StoredCheckpoint c) {
    Map<String, Object> blobs = new LinkedHashMap<>();
    c.blobs().forEach((name, value) -> blobs.put(name, typed(value)));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("parent", c.parentId());
    record.put("ts", Micros.text(c.ts()));
    record.put("state", c.state().canonical());
    record.put("metadata", c.metadata().canonical());
    record.put("blobs", blobs);
    return JsonCodec.toJson(record);
  }

  static String write(String taskId, String taskPath, IndexedWrite w) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("task", taskId);
    record.put("path", taskPath);
    record.put("idx", w.idx());
    record.put("channel", w.channel());
    record.putAll(typed(w.value()));
    return JsonCodec.toJson(record);
  }

  /**
   * A write's field in its namespace's writes hash: the checkpoint id first, so that the
   * checkpoint's writes are one lexicographic range; ids and task ids hold no NUL.
   */
  static String writeField(String checkpointId, String taskId, int idx) {
    return checkpointId + '\0' + taskId + '\0' + idx;
  }

  /** The field of a stored write JSON, for copying it to another thread. */
  static String writeField(String checkpointId, String writeJson) {
    Map<String, Object> w = JsonCodec.parseObject(writeJson, "stored checkpoint write");
    return writeField(checkpointId, (String) w.get("task"), ((Number) w.get("idx")).intValue());
  }

  /** Just the metadata of a checkpoint record, for filtering before building the tuple. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> metadata(Map<String, Object> record) {
    return (Map<String, Object>) record.get("metadata");
  }

  static Map<String, Object> parse(String json, String what) {
    return JsonCodec.parseObject(json, what);
  }

  @SuppressWarnings("unchecked")
  static CheckpointTuple tuple(
      String threadId, String ns, String id, Map<String, Object> record, List<String> writes) {
    Map<String, TypedValue> blobs = new LinkedHashMap<>();
    ((Map<String, Object>) record.get("blobs"))
        .forEach((name, value) -> blobs.put(name, typed((Map<String, Object>) value)));
    List<Map<String, Object>> parsed = new ArrayList<>(writes.size());
    for (String json : writes) {
      parsed.add(JsonCodec.parseObject(json, "stored write of checkpoint \"" + id + "\""));
    }
    parsed.sort(WRITE_ORDER);
    List<PendingWrite> pending = new ArrayList<>(parsed.size());
    for (Map<String, Object> w : parsed) {
      pending.add(new PendingWrite((String) w.get("task"), (String) w.get("path"),
          (String) w.get("channel"), typed(w)));
    }
    String parent = (String) record.get("parent");
    return new CheckpointTuple(
        CheckpointConfig.of(threadId, ns, id),
        new Checkpoint(id, Micros.instant((String) record.get("ts")),
            (Map<String, Object>) record.get("state"), blobs),
        metadata(record),
        parent == null ? null : CheckpointConfig.of(threadId, ns, parent),
        List.copyOf(pending));
  }

  private static Map<String, Object> typed(TypedValue value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", value.type());
    json.put("data", Base64.getEncoder().encodeToString(value.data()));
    return json;
  }

  private static TypedValue typed(Map<String, Object> json) {
    return new TypedValue((String) json.get("type"),
        Base64.getDecoder().decode((String) json.get("data")));
  }
}
