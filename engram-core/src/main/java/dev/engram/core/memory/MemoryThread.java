package dev.engram.core.memory;

import dev.engram.TextOrder;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.StoredCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One thread of the in-memory checkpoint backend: its TTL and its checkpoints by namespace and id.
 * Mutable, guarded by the backend's lock.
 */
final class MemoryThread {
  /** Namespace, then checkpoint id, both by code point: the latest of a namespace is its last. */
  record Key(String ns, String id) {
    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::ns, TextOrder.CODE_POINT)
            .thenComparing(Key::id, TextOrder.CODE_POINT);
  }

  /** A write's key within its checkpoint, as LangGraph's (task_id, idx). */
  record WriteKey(String taskId, int idx) {}

  record StoredWrite(String taskId, String taskPath, int idx, String channel, TypedValue value) {}

  /** A checkpoint and the writes stored against it. */
  record Entry(StoredCheckpoint checkpoint, Map<WriteKey, StoredWrite> writes) {
    Entry(StoredCheckpoint checkpoint) {
      this(checkpoint, new HashMap<>());
    }

    Entry copy(String threadId) {
      StoredCheckpoint c = checkpoint;
      Entry copy =
          new Entry(
              new StoredCheckpoint(
                  threadId, c.checkpointNs(), c.checkpointId(), c.parentId(), c.ts(), c.state(),
                  c.blobs(), c.metadata()));
      copy.writes.putAll(writes);
      return copy;
    }

    void put(String taskId, String taskPath, IndexedWrite w) {
      StoredWrite write = new StoredWrite(taskId, taskPath, w.idx(), w.channel(), w.value());
      WriteKey key = new WriteKey(taskId, w.idx());
      if (w.upserts()) {
        writes.put(key, write);
      } else {
        writes.putIfAbsent(key, write);
      }
    }

    CheckpointTuple tuple(String threadId) {
      StoredCheckpoint c = checkpoint;
      List<StoredWrite> ordered = new ArrayList<>(writes.values());
      ordered.sort(
          Comparator.comparing(StoredWrite::taskPath, TextOrder.CODE_POINT)
              .thenComparing(StoredWrite::taskId, TextOrder.CODE_POINT)
              .thenComparingInt(StoredWrite::idx));
      List<PendingWrite> pending =
          ordered.stream()
              .map(w -> new PendingWrite(w.taskId(), w.taskPath(), w.channel(), w.value()))
              .toList();
      return new CheckpointTuple(
          CheckpointConfig.of(threadId, c.checkpointNs(), c.checkpointId()),
          new Checkpoint(c.checkpointId(), c.ts(), c.state().canonical(), c.blobs()),
          c.metadata().canonical(),
          c.parentId() == null ? null : CheckpointConfig.of(threadId, c.checkpointNs(), c.parentId()),
          pending);
    }
  }

  final TreeMap<Key, Entry> checkpoints = new TreeMap<>(Key.ORDER);
  @Nullable Duration ttl;
  @Nullable Instant expiresAt;

  boolean visibleAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Restarts the expiry with {@code ttl} as the thread's TTL from now on. */
  void setTtl(@Nullable Duration ttl, Instant now) {
    this.ttl = ttl;
    this.expiresAt = ttl == null ? null : now.plus(ttl);
  }

  /** Restarts the expiry with the thread's own TTL, if it has one. */
  void refresh(Instant now) {
    if (ttl != null) {
      expiresAt = now.plus(ttl);
    }
  }

  /** The latest checkpoint of a namespace, or null. */
  @Nullable Entry latest(String ns) {
    var inNamespace = checkpoints.subMap(new Key(ns, ""), true, new Key(ns + "\0", ""), false);
    return inNamespace.isEmpty() ? null : inNamespace.lastEntry().getValue();
  }
}
