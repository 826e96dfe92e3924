package dev.engram.server;

import dev.engram.Namespace;
import dev.engram.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Endpoints for operators, open without a key: liveness ({@code /healthz}: the process answers),
 * readiness ({@code /readyz}: the store answers a read) and Prometheus metrics ({@code
 * /metrics}), which carry counts per route template only, never data.
 */
final class OpsRoutes {
  /** Read by the readiness probe; the label is one no item can be written under. */
  private static final Namespace PROBE = Namespace.of("langgraph", "engram-readyz");

  private final Store store;
  private final Replies replies;
  private final ServerMetrics metrics;

  OpsRoutes(Store store, Replies replies, ServerMetrics metrics) {
    this.store = store;
    this.replies = replies;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.get("/healthz", ctx -> replies.json(ctx, Map.of("status", "ok")), Access.PUBLIC);
    routes.get("/readyz", this::ready, Access.PUBLIC);
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape()), Access.PUBLIC);
  }

  private void ready(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      store.get(PROBE, "probe", false);
      body.put("status", "ready");
      replies.json(ctx, body);
    } catch (RuntimeException e) {
      body.put("status", "unavailable");
      body.put("detail", e.getMessage());
      replies.json(ctx, 503, body);
    }
  }
}
