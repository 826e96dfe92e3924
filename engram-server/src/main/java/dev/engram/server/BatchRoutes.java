package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.Store;
import dev.engram.StoreOp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Engram's own store endpoints: {@code POST /store/batch} runs several operations as one unit (the
 * Java client's {@code Store.batch}), {@code POST /store/sweep} deletes expired items now.
 */
final class BatchRoutes {
  private final Store store;
  private final Replies replies;
  private final long maxRequestBytes;

  BatchRoutes(Store store, Replies replies, long maxRequestBytes) {
    this.store = store;
    this.replies = replies;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(RoutesConfig routes, RequestGuard guard) {
    routes.post("/store/batch", guard.bounded(this::batch), Access.READ);
    routes.post("/store/sweep", guard.bounded(this::sweep), Access.ADMIN);
  }

  private void batch(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(Set.of("ops"));
    if (!(body.raw("ops") instanceof List<?> json)) {
      throw new InvalidInputException("a batch needs \"ops\": an array of operations");
    }
    List<StoreOp> ops = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      ops.add(StoreJson.op(json.get(i), i));
    }
    Principal principal = RequestGuard.principal(ctx);
    boolean writes = ops.stream().anyMatch(op -> op instanceof StoreOp.Put
        || op instanceof StoreOp.Delete);
    if (writes && !principal.allows(Scope.WRITE)) {
      throw ApiError.forbidden(
          "key " + principal.id() + " lacks the write scope a batch with puts or deletes needs");
    }
    List<@Nullable Object> results = new TenantStore(store, principal).batch(ops);
    List<@Nullable Object> answers = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      answers.add(StoreJson.result(ops.get(i), results.get(i)));
    }
    replies.json(ctx, Map.of("results", answers));
  }

  private void sweep(Context ctx) {
    replies.json(ctx, Map.of("removed", store.sweepExpired()));
  }
}
