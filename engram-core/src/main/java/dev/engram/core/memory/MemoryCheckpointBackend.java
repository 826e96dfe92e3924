package dev.engram.core.memory;

import dev.engram.NotFoundException;
import dev.engram.TextOrder;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.StoredCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference backend for checkpoints: threads sorted by id, each holding its
 * checkpoints sorted by namespace and id. One lock guards everything.
 */
final class MemoryCheckpointBackend implements CheckpointBackend {
  /** Newest first: greatest id first, ties (equal ids in several namespaces) by namespace. */
  private static final Comparator<MemoryThread.Key> NEWEST_FIRST =
      Comparator.comparing(MemoryThread.Key::id, TextOrder.CODE_POINT)
          .reversed()
          .thenComparing(MemoryThread.Key::ns, TextOrder.CODE_POINT);

  private final String name;
  private final TreeMap<String, MemoryThread> threads = new TreeMap<>(TextOrder.CODE_POINT);

  MemoryCheckpointBackend(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void put(StoredCheckpoint checkpoint, @Nullable Duration ttl, Instant now) {
    MemoryThread thread = writable(checkpoint.threadId(), now);
    MemoryThread.Key key = new MemoryThread.Key(checkpoint.checkpointNs(), checkpoint.checkpointId());
    MemoryThread.Entry old = thread.checkpoints.get(key);
    MemoryThread.Entry entry = new MemoryThread.Entry(checkpoint);
    if (old != null) {
      entry.writes().putAll(old.writes());
    }
    thread.checkpoints.put(key, entry);
    thread.setTtl(ttl, now);
  }

  @Override
  public synchronized void putWrites(
      String threadId, String checkpointNs, String checkpointId, String taskId, String taskPath,
      List<IndexedWrite> writes, @Nullable Duration ttl, Instant now) {
    MemoryThread thread = visible(threadId, now);
    MemoryThread.Entry entry =
        thread == null
            ? null
            : thread.checkpoints.get(new MemoryThread.Key(checkpointNs, checkpointId));
    if (entry == null) {
      throw new NotFoundException(
          "no checkpoint \"" + checkpointId + "\" in thread \"" + threadId + "\", namespace \""
              + checkpointNs + "\" of " + name);
    }
    for (IndexedWrite write : writes) {
      entry.put(taskId, taskPath, write);
    }
    thread.setTtl(ttl, now);
  }

  @Override
  public synchronized @Nullable CheckpointTuple get(
      String threadId, String checkpointNs, @Nullable String checkpointId, Instant now,
      boolean refreshTtl) {
    MemoryThread thread = visible(threadId, now);
    if (thread == null) {
      return null;
    }
    if (refreshTtl) {
      thread.refresh(now);
    }
    MemoryThread.Entry entry =
        checkpointId == null
            ? thread.latest(checkpointNs)
            : thread.checkpoints.get(new MemoryThread.Key(checkpointNs, checkpointId));
    if (entry == null) {
      return null;
    }
    return entry.tuple(threadId);
  }

  @Override
  public synchronized List<CheckpointTuple> list(CheckpointListing q) {
    MemoryThread thread = visible(q.threadId(), q.now());
    if (thread == null) {
      return List.of();
    }
    List<Map.Entry<MemoryThread.Key, MemoryThread.Entry>> matches = new ArrayList<>();
    for (Map.Entry<MemoryThread.Key, MemoryThread.Entry> e : thread.checkpoints.entrySet()) {
      MemoryThread.Key key = e.getKey();
      if ((q.checkpointNs() == null || key.ns().equals(q.checkpointNs()))
          && (q.checkpointId() == null || key.id().equals(q.checkpointId()))
          && (q.beforeId() == null || TextOrder.compare(key.id(), q.beforeId()) < 0)
          && q.filter().matches(e.getValue().checkpoint().metadata().canonical())) {
        matches.add(e);
      }
    }
    matches.sort(Map.Entry.comparingByKey(NEWEST_FIRST));
    if (q.refreshTtl()) {
      thread.refresh(q.now());
    }
    return matches.stream()
        .limit(q.limit())
        .map(e -> e.getValue().tuple(q.threadId()))
        .toList();
  }

  @Override
  public synchronized boolean deleteThread(String threadId, Instant now) {
    MemoryThread removed = threads.remove(threadId);
    return removed != null && removed.visibleAt(now);
  }

  @Override
  public synchronized long copyThread(String from, String to, @Nullable Duration ttl, Instant now) {
    MemoryThread source = visible(from, now);
    if (source == null) {
      return 0;
    }
    MemoryThread target = writable(to, now);
    long copied = 0;
    for (Map.Entry<MemoryThread.Key, MemoryThread.Entry> e : source.checkpoints.entrySet()) {
      if (!target.checkpoints.containsKey(e.getKey())) {
        target.checkpoints.put(e.getKey(), e.getValue().copy(to));
        copied++;
      }
    }
    target.setTtl(ttl, now);
    return copied;
  }

  @Override
  public synchronized long prune(String threadId, PruneStrategy strategy, Instant now) {
    MemoryThread thread = visible(threadId, now);
    if (thread == null) {
      return 0;
    }
    int before = thread.checkpoints.size();
    if (strategy == PruneStrategy.DELETE) {
      threads.remove(threadId);
      return before;
    }
    // In (namespace, id) order, a checkpoint followed by one of the same namespace is not its
    // namespace's latest.
    List<MemoryThread.Key> keys = new ArrayList<>(thread.checkpoints.keySet());
    for (int i = 0; i + 1 < keys.size(); i++) {
      if (keys.get(i).ns().equals(keys.get(i + 1).ns())) {
        thread.checkpoints.remove(keys.get(i));
      }
    }
    return before - thread.checkpoints.size();
  }

  @Override
  public synchronized List<String> threads(@Nullable String afterThreadId, int limit, Instant now) {
    var candidates = afterThreadId == null ? threads : threads.tailMap(afterThreadId, false);
    List<String> page = new ArrayList<>();
    for (Map.Entry<String, MemoryThread> e : candidates.entrySet()) {
      if (page.size() >= limit) {
        break;
      }
      if (e.getValue().visibleAt(now)) {
        page.add(e.getKey());
      }
    }
    return page;
  }

  @Override
  public synchronized CheckpointStats stats(Instant now) {
    long threadCount = 0;
    long checkpoints = 0;
    long writes = 0;
    for (MemoryThread thread : threads.values()) {
      if (thread.visibleAt(now)) {
        threadCount++;
        checkpoints += thread.checkpoints.size();
        for (MemoryThread.Entry entry : thread.checkpoints.values()) {
          writes += entry.writes().size();
        }
      }
    }
    return new CheckpointStats(threadCount, checkpoints, writes);
  }

  @Override
  public synchronized int deleteExpired(Instant now, int limit) {
    int removed = 0;
    for (Iterator<MemoryThread> it = threads.values().iterator();
        it.hasNext() && removed < limit; ) {
      if (!it.next().visibleAt(now)) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  private @Nullable MemoryThread visible(String threadId, Instant now) {
    MemoryThread thread = threads.get(threadId);
    return thread != null && thread.visibleAt(now) ? thread : null;
  }

  /** The thread to write to: created when absent, emptied first when expired. */
  private MemoryThread writable(String threadId, Instant now) {
    MemoryThread thread = visible(threadId, now);
    if (thread == null) {
      thread = new MemoryThread();
      threads.put(threadId, thread);
    }
    return thread;
  }

  @Override
  public synchronized void close() {
    threads.clear();
  }
}
