package dev.engram.redis;

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
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on Redis, standalone or Cluster. Each thread's keys share the hash tag {@code
 * {prefix:t:THREAD}} (layout in {@code thread.lua}): per namespace a sorted set of checkpoint ids
 * (latest-lookup and listing are {@code ZREVRANGEBYLEX} on it), a hash of checkpoint records and a
 * hash of writes with a lexicographic index, so one checkpoint's writes are one range. Every
 * operation on a thread is one Lua script on its slot; a listing is two (ids, then records in
 * chunks) because its metadata filter is checked client-side with {@code Filter.matches}.
 * Threads are listed through the id registry ({@link IdRegistry}).
 */
final class RedisCheckpointBackend implements CheckpointBackend {
  private static final Logger log = LoggerFactory.getLogger(RedisCheckpointBackend.class);
  /** Newest first: greatest id first, ties (equal ids in several namespaces) by namespace. */
  private static final Comparator<String[]> NEWEST_FIRST =
      Comparator.<String[], String>comparing(p -> p[1], TextOrder.CODE_POINT).reversed()
          .thenComparing(p -> p[0], TextOrder.CODE_POINT);
  /** Records fetched per round trip while a filtered listing looks for matches. */
  private static final int FETCH = 64;
  /** At most this many tuples per script reply, so that a huge listing does not block Redis. */
  private static final int MAX_FETCH = 512;

  private final String name;
  private final RedisLink link;
  private final Keys keys;
  private final IdRegistry registry;

  /** A checkpoint as a script returns it: raw record and write JSON texts. */
  private record Raw(String ns, String id, String record, List<String> writes) {}

  private RedisCheckpointBackend(RedisSettings settings, RedisLink link) {
    this.name = settings.storeName();
    this.link = link;
    this.keys = new Keys(settings.prefix());
    this.registry = new IdRegistry(link, keys.threads(), t -> keys.thread(t).header(), "thread");
  }

  static RedisCheckpointBackend open(RedisSettings settings) {
    RedisLink link = RedisLink.open(settings);
    log.info("{} - checkpoints opened", settings.storeName());
    return new RedisCheckpointBackend(settings, link);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void put(StoredCheckpoint c, @Nullable Duration ttl, Instant now) {
    List<Object> reply =
        run(LuaScript.CP_PUT, c.threadId(), "put of checkpoint \"" + c.checkpointId() + "\"",
            Micros.text(now), ttl(ttl), c.checkpointNs(), c.checkpointId(),
            CheckpointRecords.checkpoint(c));
    if (ScriptCall.flag(reply.get(0))) {
      registry.add(c.threadId());
    }
  }

  @Override
  public void putWrites(
      String threadId, String checkpointNs, String checkpointId, String taskId, String taskPath,
      List<IndexedWrite> writes, @Nullable Duration ttl, Instant now) {
    List<String> args = new ArrayList<>(List.of(Micros.text(now), ttl(ttl), checkpointNs,
        checkpointId));
    for (IndexedWrite w : writes) {
      args.add(CheckpointRecords.writeField(checkpointId, taskId, w.idx()));
      args.add(w.upserts() ? "1" : "0");
      args.add(CheckpointRecords.write(taskId, taskPath, w));
    }
    List<Object> reply = run(LuaScript.CP_WRITES, threadId,
        "putWrites to checkpoint \"" + checkpointId + "\"", args.toArray(String[]::new));
    if (!ScriptCall.flag(reply.get(0))) {
      throw new NotFoundException(
          "no checkpoint \"" + checkpointId + "\" in thread \"" + threadId + "\", namespace \""
              + checkpointNs + "\" of " + name);
    }
  }

  @Override
  public @Nullable CheckpointTuple get(
      String threadId, String checkpointNs, @Nullable String checkpointId, Instant now,
      boolean refreshTtl) {
    List<Raw> raws = raws(run(LuaScript.CP_GET, threadId, "getTuple", Micros.text(now),
        refreshTtl ? "1" : "0", checkpointNs, checkpointId == null ? "" : checkpointId));
    return raws.isEmpty() ? null : tuple(threadId, raws.get(0),
        CheckpointRecords.parse(raws.get(0).record(), what(threadId, raws.get(0))));
  }

  @Override
  public List<CheckpointTuple> list(CheckpointListing q) {
    String thread = q.threadId();
    // Without a filter no namespace can contribute more than "limit" to the newest "limit".
    int perNamespace = q.filter().isEmpty() && q.limit() < 100_000 ? q.limit() : 0;
    List<Object> ids = run(LuaScript.CP_SCAN, thread, "list", Micros.text(q.now()),
        q.refreshTtl() ? "1" : "0", q.checkpointNs() == null ? "1" : "0",
        q.checkpointNs() == null ? "" : q.checkpointNs(),
        q.checkpointId() == null ? "" : q.checkpointId(),
        q.beforeId() == null ? "" : q.beforeId(), Integer.toString(perNamespace));
    List<String[]> candidates = new ArrayList<>(ids.size() / 2);
    for (int i = 0; i < ids.size(); i += 2) {
      String id = (String) ids.get(i + 1);
      if (q.beforeId() == null || TextOrder.compare(id, q.beforeId()) < 0) {
        candidates.add(new String[] {(String) ids.get(i), id});
      }
    }
    candidates.sort(NEWEST_FIRST);
    List<CheckpointTuple> page = new ArrayList<>();
    int next = 0;
    while (next < candidates.size() && page.size() < q.limit()) {
      // Unfiltered, exactly the missing tuples are fetched; filtered, chunks until enough match.
      int chunk = Math.min(candidates.size() - next,
          q.filter().isEmpty() ? Math.min(q.limit() - page.size(), MAX_FETCH) : FETCH);
      for (Raw raw : fetch(thread, candidates.subList(next, next + chunk), q.now())) {
        Map<String, Object> record = CheckpointRecords.parse(raw.record(), what(thread, raw));
        if (page.size() < q.limit() && q.filter().matches(CheckpointRecords.metadata(record))) {
          page.add(tuple(thread, raw, record));
        }
      }
      next += chunk;
    }
    return page;
  }

  @Override
  public boolean deleteThread(String threadId, Instant now) {
    List<Object> reply = drop(List.of(threadId), now, "any").get(0);
    registry.forget(threadId);
    return ScriptCall.flag(reply.get(0));
  }

  /**
   * Reads the source (its ids, then its records in one script) and writes the target in one
   * script. On Cluster the two threads live in different slots, so the copy is atomic on the
   * target side but the source is read in two steps.
   */
  @Override
  public long copyThread(String from, String to, @Nullable Duration ttl, Instant now) {
    List<Object> ids = run(LuaScript.CP_SCAN, from, "copy to thread \"" + to + "\"",
        Micros.text(now), "0", "1", "", "", "", "0");
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 2) {
      pairs.add(new String[] {(String) ids.get(i), (String) ids.get(i + 1)});
    }
    List<Raw> source = pairs.isEmpty() ? List.of() : fetch(from, pairs, now);
    if (source.isEmpty()) {
      return 0;
    }
    List<String> args = new ArrayList<>(List.of(Micros.text(now), ttl(ttl)));
    for (Raw raw : source) {
      args.addAll(List.of(raw.ns(), raw.id(), raw.record(), Integer.toString(raw.writes().size())));
      for (String write : raw.writes()) {
        args.add(CheckpointRecords.writeField(raw.id(), write));
        args.add(write);
      }
    }
    List<Object> reply = run(LuaScript.CP_COPY, to, "copy from thread \"" + from + "\"",
        args.toArray(String[]::new));
    if (ScriptCall.flag(reply.get(1))) {
      registry.add(to);
    }
    return (Long) reply.get(0);
  }

  @Override
  public long prune(String threadId, PruneStrategy strategy, Instant now) {
    if (strategy == PruneStrategy.DELETE) {
      List<Object> reply = drop(List.of(threadId), now, "visible").get(0);
      if (ScriptCall.flag(reply.get(2))) {
        registry.forget(threadId);
      }
      return (Long) reply.get(1);
    }
    return (Long) run(LuaScript.CP_PRUNE, threadId, "prune", Micros.text(now)).get(0);
  }

  @Override
  public List<String> threads(@Nullable String afterThreadId, int limit, Instant now) {
    List<String> page = new ArrayList<>();
    long nowMicros = Micros.of(now);
    for (List<String> ids = registry.page(afterThreadId);
        !ids.isEmpty() && page.size() < limit;
        ids = registry.page(IdRegistry.last(ids))) {
      List<String[]> headers = registry.headers(ids, "x", "e");
      for (int i = 0; i < ids.size() && page.size() < limit; i++) {
        String[] h = headers.get(i);
        if (h[0] == null) {
          registry.forget(ids.get(i)); // expired natively or deleted: a stale registry entry
        } else if (h[1] == null || nowMicros < Long.parseLong(h[1])) {
          page.add(ids.get(i));
        }
      }
    }
    return page;
  }

  /** One counting script per registered thread, pipelined page by page: O(threads). */
  @Override
  public CheckpointStats stats(Instant now) {
    long threads = 0;
    long checkpoints = 0;
    long writes = 0;
    for (List<String> ids = registry.page(null); !ids.isEmpty();
        ids = registry.page(IdRegistry.last(ids))) {
      List<ScriptCall> calls = new ArrayList<>(ids.size());
      for (String id : ids) {
        calls.add(call(LuaScript.CP_COUNT, id, "stats", Micros.text(now)));
      }
      List<List<Object>> replies = link.evalAll(calls);
      for (int i = 0; i < ids.size(); i++) {
        List<Object> r = replies.get(i);
        long state = (Long) r.get(0);
        if (state == 0) {
          registry.forget(ids.get(i));
        } else if (state == 2) {
          threads++;
          checkpoints += (Long) r.get(1);
          writes += (Long) r.get(2);
        }
      }
    }
    return new CheckpointStats(threads, checkpoints, writes);
  }

  /**
   * Pages through the registry, deleting threads expired at {@code now} (the script checks again,
   * atomically with the delete) and forgetting stale ids, until {@code limit} are deleted.
   */
  @Override
  public int deleteExpired(Instant now, int limit) {
    return registry.sweep(Micros.of(now), limit, "x", due ->
        drop(due, now, "expired").stream().map(reply -> ScriptCall.flag(reply.get(2))).toList());
  }

  private List<List<Object>> drop(List<String> threadIds, Instant now, String mode) {
    List<ScriptCall> calls = new ArrayList<>(threadIds.size());
    for (String id : threadIds) {
      calls.add(call(LuaScript.CP_DROP, id, "delete", Micros.text(now), mode));
    }
    return link.evalAll(calls);
  }

  private List<Raw> fetch(String threadId, List<String[]> pairs, Instant now) {
    String[] args = new String[1 + 2 * pairs.size()];
    args[0] = Micros.text(now);
    for (int i = 0; i < pairs.size(); i++) {
      args[1 + 2 * i] = pairs.get(i)[0];
      args[2 + 2 * i] = pairs.get(i)[1];
    }
    return raws(run(LuaScript.CP_FETCH, threadId, "reading checkpoints", args));
  }

  /** Splits a reply of tuples as the scripts' push_tuple writes them. */
  private static List<Raw> raws(List<Object> reply) {
    List<Raw> raws = new ArrayList<>();
    int i = 0;
    while (i < reply.size()) {
      int writes = ((Long) reply.get(i + 3)).intValue();
      List<String> w = new ArrayList<>(writes);
      for (int j = 0; j < writes; j++) {
        w.add((String) reply.get(i + 4 + j));
      }
      raws.add(new Raw((String) reply.get(i), (String) reply.get(i + 1),
          (String) reply.get(i + 2), w));
      i += 4 + writes;
    }
    return raws;
  }

  private CheckpointTuple tuple(String threadId, Raw raw, Map<String, Object> record) {
    return CheckpointRecords.tuple(threadId, raw.ns(), raw.id(), record, raw.writes());
  }

  private static String what(String threadId, Raw raw) {
    return "stored checkpoint \"" + raw.id() + "\" of thread \"" + threadId + "\"";
  }

  private List<Object> run(LuaScript script, String threadId, String operation, String... args) {
    return link.eval(call(script, threadId, operation, args));
  }

  /** A script call on one thread: its tag goes first, the scripts derive their keys from it. */
  private ScriptCall call(LuaScript script, String threadId, String operation, String... args) {
    Keys.TagKeys thread = keys.thread(threadId);
    String[] all = new String[args.length + 1];
    all[0] = thread.tag();
    System.arraycopy(args, 0, all, 1, args.length);
    return new ScriptCall(script, new String[] {thread.header()}, all,
        operation + " of " + registry.describe(threadId));
  }

  private static String ttl(@Nullable Duration ttl) {
    return ttl == null ? "" : Micros.text(ttl);
  }

  @Override
  public void close() {
    link.close();
    log.info("{} - checkpoints closed", name);
  }

  @Override
  public String toString() {
    return "RedisCheckpointBackend[" + name + "]";
  }
}
