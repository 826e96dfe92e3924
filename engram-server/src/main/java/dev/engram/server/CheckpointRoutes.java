package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.ThreadPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Engram's checkpoint endpoints, LangGraph's checkpointer over HTTP: {@code
 * /threads/{thread_id}/checkpoints} takes puts and lists newest first, {@code .../latest} and
 * {@code .../{checkpoint_id}} read one tuple (404 when there is none), {@code .../writes} stores a
 * task's pending writes; a thread is deleted, copied and pruned as a whole. The namespace inside a
 * thread is the {@code checkpoint_ns} query parameter or body field ({@code ""}: the root graph).
 * A key with grants uses thread ids under them (see {@link Principal#ownsId}).
 */
final class CheckpointRoutes {
  static final String BASE = "/threads";
  private static final String THREAD = BASE + "/{thread_id}";
  private static final String CHECKPOINTS = THREAD + "/checkpoints";
  private static final Set<String> GET_PARAMS = Set.of("checkpoint_ns");
  private static final Set<String> LIST_PARAMS = Set.of("checkpoint_ns", "checkpoint_id", "limit",
      "before", "filter", "all_namespaces");
  private static final Set<String> THREADS_PARAMS = Set.of("limit", "cursor");
  private static final int DEFAULT_THREADS_LIMIT = 100;

  private final CheckpointStore store;
  private final Replies replies;
  private final long maxRequestBytes;

  CheckpointRoutes(CheckpointStore store, Replies replies, long maxRequestBytes) {
    this.store = store;
    this.replies = replies;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(RoutesConfig routes, RequestGuard guard) {
    routes.get(BASE, guard.bounded(this::threads), Access.READ);
    routes.get(BASE + "/stats", guard.bounded(
        ctx -> replies.json(ctx, CheckpointJson.stats(tenant(ctx).stats()))), Access.READ);
    routes.post(BASE + "/sweep", guard.bounded(
        ctx -> replies.json(ctx, Map.of("removed", tenant(ctx).sweepExpired()))), Access.ADMIN);
    routes.post(BASE + "/prune", guard.bounded(this::prune), Access.WRITE);
    routes.delete(THREAD, ctx -> replies.json(ctx,
        Map.of("deleted", tenant(ctx).deleteThread(threadId(ctx)))), Access.WRITE);
    routes.post(THREAD + "/copy", guard.bounded(this::copy), Access.WRITE);
    routes.put(CHECKPOINTS, this::put, Access.WRITE);
    routes.get(CHECKPOINTS, guard.bounded(this::list), Access.READ);
    // "latest" before "{checkpoint_id}": Javalin serves a request by the first route that matches.
    routes.get(CHECKPOINTS + "/latest", ctx -> tuple(ctx, null), Access.READ);
    routes.get(CHECKPOINTS + "/{checkpoint_id}",
        ctx -> tuple(ctx, ctx.pathParam("checkpoint_id")), Access.READ);
    routes.post(CHECKPOINTS + "/{checkpoint_id}/writes", this::writes, Access.WRITE);
  }

  private void put(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(CheckpointJson.PUT_FIELDS);
    CheckpointConfig parent = new CheckpointConfig(threadId(ctx), body.optionalString("checkpoint_ns"),
        body.optionalString("parent_checkpoint_id"));
    Map<String, Object> metadata = body.optionalObject("metadata");
    var stored = tenant(ctx).put(parent, CheckpointJson.checkpoint(body),
        metadata == null ? Map.of() : metadata);
    replies.json(ctx, CheckpointJson.config(stored));
  }

  private void writes(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(CheckpointJson.WRITES_FIELDS);
    CheckpointConfig config = new CheckpointConfig(threadId(ctx),
        body.optionalString("checkpoint_ns"), ctx.pathParam("checkpoint_id"));
    String taskPath = body.optionalString("task_path");
    tenant(ctx).putWrites(config, CheckpointJson.writes(body), body.string("task_id"),
        taskPath == null ? "" : taskPath);
    Replies.noContent(ctx);
  }

  private void tuple(Context ctx, @Nullable String checkpointId) {
    QueryParams query = QueryParams.of(ctx, GET_PARAMS);
    CheckpointConfig config =
        new CheckpointConfig(threadId(ctx), query.optional("checkpoint_ns"), checkpointId);
    var tuple = tenant(ctx).getTuple(config).orElseThrow(() -> new NotFoundException(
        (checkpointId == null ? "no checkpoint" : "no checkpoint \"" + checkpointId + "\"")
            + " in thread \"" + config.threadId() + "\", namespace \"" + config.checkpointNs()
            + "\""));
    replies.json(ctx, CheckpointJson.tuple(tuple));
  }

  private void list(Context ctx) {
    QueryParams query = QueryParams.of(ctx, LIST_PARAMS);
    CheckpointConfig config = new CheckpointConfig(threadId(ctx), query.optional("checkpoint_ns"),
        query.optional("checkpoint_id"));
    String before = query.optional("before");
    CheckpointQuery request = CheckpointQuery.builder()
        .filter(query.optionalObject("filter"))
        .before(before == null ? null : config.withCheckpointId(before))
        .limit(query.optionalInteger("limit"))
        .allNamespaces(query.flag("all_namespaces"))
        .build();
    var tuples = tenant(ctx).list(config, request);
    replies.json(ctx, Map.of("checkpoints", tuples.stream().map(CheckpointJson::tuple).toList()));
  }

  private void threads(Context ctx) {
    QueryParams query = QueryParams.of(ctx, THREADS_PARAMS);
    Integer limit = query.optionalInteger("limit");
    ThreadPage page = tenant(ctx).listThreads(limit == null ? DEFAULT_THREADS_LIMIT : limit,
        query.optional("cursor"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("threads", page.threadIds());
    answer.put("next_cursor", page.nextCursor());
    replies.json(ctx, answer);
  }

  private void copy(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(Set.of("to"));
    replies.json(ctx, Map.of("copied", tenant(ctx).copyThread(threadId(ctx), body.string("to"))));
  }

  private void prune(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(Set.of("thread_ids", "strategy"));
    List<String> threadIds = new ArrayList<>();
    for (Object id : body.array("thread_ids")) {
      if (!(id instanceof String text)) {
        throw new InvalidInputException("thread_ids must hold strings only");
      }
      threadIds.add(text);
    }
    replies.json(ctx, Map.of("pruned", tenant(ctx).prune(threadIds, strategy(body.string("strategy")))));
  }

  private static PruneStrategy strategy(String text) {
    for (PruneStrategy strategy : PruneStrategy.values()) {
      if (strategy.name().toLowerCase(Locale.ROOT).equals(text)) {
        return strategy;
      }
    }
    throw new InvalidInputException("strategy must be keep_latest or delete, was \"" + text + "\"");
  }

  private TenantCheckpoints tenant(Context ctx) {
    return new TenantCheckpoints(store, RequestGuard.principal(ctx));
  }

  private static String threadId(Context ctx) {
    return ctx.pathParam("thread_id");
  }
}
