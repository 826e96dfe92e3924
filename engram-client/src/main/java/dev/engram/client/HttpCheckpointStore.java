package dev.engram.client;

import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.ThreadPage;
import dev.engram.checkpoint.Write;
import dev.engram.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CheckpointStore} of an Engram server, over its {@code /threads} endpoints. The server
 * validates and reports; the client checks only what a request cannot carry (nulls, empty ids,
 * text without a UTF-8 form).
 */
final class HttpCheckpointStore implements CheckpointStore {
  private static final String BASE = "threads";

  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpCheckpointStore(Transport transport) {
    this.transport = transport;
  }

  @Override
  public CheckpointConfig put(
      CheckpointConfig config, Checkpoint checkpoint, Map<String, Object> metadata) {
    String path = checkpoints(Ids.required(config, "config of put"));
    Ids.required(checkpoint, "checkpoint of put");
    Ids.required(metadata, "metadata of put");
    if (checkpoint.id() != null) {
      Text.requireWellFormed(checkpoint.id(), "checkpoint id");
    }
    Object json = transport().send("PUT", path, CheckpointWire.put(config, checkpoint, metadata),
        false);
    return CheckpointWire.config(json);
  }

  @Override
  public void putWrites(CheckpointConfig config, List<Write> writes, String taskId, String taskPath) {
    Ids.required(config, "config of putWrites");
    if (config.checkpointId() == null) {
      throw new InvalidInputException("putWrites needs a config naming a checkpoint (checkpointId"
          + " of thread " + config.threadId() + " is null)");
    }
    String path = checkpoints(config) + "/" + Transport.segment(
        Ids.check(config.checkpointId(), "checkpoint id")) + "/writes";
    Ids.required(writes, "writes");
    transport().send("POST", path, CheckpointWire.writes(config, writes, taskId, taskPath), false);
  }

  @Override
  public Optional<CheckpointTuple> getTuple(CheckpointConfig config) {
    String path = checkpoints(Ids.required(config, "config of getTuple")) + "/"
        + (config.checkpointId() == null ? "latest"
            : Transport.segment(Ids.check(config.checkpointId(), "checkpoint id")));
    Object json = transport().getIfPresent(path, namespace(config));
    return json == Transport.ABSENT ? Optional.empty() : Optional.of(CheckpointWire.tuple(json));
  }

  @Override
  public List<CheckpointTuple> list(CheckpointConfig config, CheckpointQuery query) {
    String path = checkpoints(Ids.required(config, "config of list"));
    Ids.required(query, "checkpoint query");
    Map<String, Object> params = namespace(config);
    params.put("checkpoint_id", config.checkpointId());
    params.put("limit", query.limit());
    params.put("before", query.before());
    if (!query.filter().isEmpty()) {
      params.put("filter", new String(Json.write(query.filter()), StandardCharsets.UTF_8));
    }
    params.put("all_namespaces", query.allNamespaces() ? Boolean.TRUE : null);
    return CheckpointWire.tuples(transport().get(path, params));
  }

  @Override
  public boolean deleteThread(String threadId) {
    Object json = transport().send("DELETE", thread(threadId));
    return Boolean.TRUE.equals(StoreWire.object(json, "delete result").get("deleted"));
  }

  @Override
  public long copyThread(String from, String to) {
    String path = thread(from) + "/copy";
    Map<String, Object> body = Map.of("to", Ids.check(to, "threadId"));
    Object json = transport().send("POST", path, body, false);
    return ConversationWire.count(StoreWire.object(json, "copy result"), "copied");
  }

  @Override
  public long prune(Collection<String> threadIds, PruneStrategy strategy) {
    Ids.required(threadIds, "threadIds");
    Ids.required(strategy, "strategy");
    List<String> ids = new ArrayList<>(threadIds.size());
    for (String id : threadIds) {
      ids.add(Ids.check(id, "threadId"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("thread_ids", ids);
    body.put("strategy", strategy.name().toLowerCase(Locale.ROOT));
    Object json = transport().send("POST", BASE + "/prune", body, false);
    return ConversationWire.count(StoreWire.object(json, "prune result"), "pruned");
  }

  @Override
  public ThreadPage listThreads(int limit, @Nullable String cursor) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("limit", limit);
    params.put("cursor", cursor);
    Map<String, Object> json = StoreWire.object(transport().get(BASE, params), "thread listing");
    List<String> threads = new ArrayList<>();
    for (Object id : StoreWire.list(json.get("threads"), "threads")) {
      threads.add((String) id);
    }
    return new ThreadPage(List.copyOf(threads), (String) json.get("next_cursor"));
  }

  @Override
  public CheckpointStats stats() {
    return CheckpointWire.stats(transport().get(BASE + "/stats", Map.of()));
  }

  @Override
  public long sweepExpired() {
    Object json = transport().send("POST", BASE + "/sweep", Map.of(), false);
    return ConversationWire.count(StoreWire.object(json, "sweep result"), "removed");
  }

  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "CheckpointStore[" + transport.base() + "]";
  }

  private static String thread(String threadId) {
    return BASE + "/" + Transport.segment(Ids.check(threadId, "threadId"));
  }

  private static String checkpoints(CheckpointConfig config) {
    Text.requireWellFormed(config.checkpointNs(), "checkpointNs");
    return thread(config.threadId()) + "/checkpoints";
  }

  private static Map<String, Object> namespace(CheckpointConfig config) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("checkpoint_ns", config.checkpointNs().isEmpty() ? null : config.checkpointNs());
    return params;
  }

  private Transport transport() {
    if (closed.get()) {
      throw new EngramException("checkpoint store " + transport.base() + " is closed");
    }
    return transport;
  }
}
