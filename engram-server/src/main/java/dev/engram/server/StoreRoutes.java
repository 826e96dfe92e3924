package dev.engram.server;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.StoreOp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/**
 * The store endpoints exactly as LangGraph's SDK ({@code client.store}) calls them. Engram adds,
 * without disturbing LangGraph clients: {@code version} and {@code expires_at} on items, {@code
 * if_version} on a put, an ISO-8601 {@code ttl}, and {@code Prefer: return=representation} (RFC
 * 7240), which makes a put answer the stored item and a delete {@code {"deleted": bool}} instead
 * of an empty 204.
 */
final class StoreRoutes {
  static final String ITEMS = "/store/items";
  private static final Set<String> GET_PARAMS = Set.of("namespace", "key", "refresh_ttl");

  private final Store store;
  private final Replies replies;
  private final long maxRequestBytes;

  StoreRoutes(Store store, Replies replies, long maxRequestBytes) {
    this.store = store;
    this.replies = replies;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(RoutesConfig routes, RequestGuard guard) {
    routes.put(ITEMS, this::put, Access.WRITE);
    routes.get(ITEMS, this::get, Access.READ);
    routes.delete(ITEMS, this::delete, Access.WRITE);
    routes.post(ITEMS + "/search", guard.bounded(this::search), Access.READ);
    routes.post("/store/namespaces", guard.bounded(this::namespaces), Access.READ);
  }

  private void put(Context ctx) {
    StoreOp.Put put = StoreJson.put(Body.of(ctx, maxRequestBytes));
    var stored = tenant(ctx).put(put);
    if (wantsResult(ctx)) {
      replies.json(ctx, StoreJson.itemOrNull(stored));
    } else {
      Replies.noContent(ctx);
    }
  }

  private void get(Context ctx) {
    QueryParams query = QueryParams.of(ctx, GET_PARAMS);
    Namespace namespace = Namespace.parse(query.required("namespace"));
    String key = query.required("key");
    // LangGraph sends true or false; absent follows the store's policy.
    Boolean refresh = query.optionalBoolean("refresh_ttl");
    replies.json(ctx, StoreJson.itemOrNull(tenant(ctx).get(namespace, key, refresh).orElse(null)));
  }

  private void delete(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(StoreJson.ADDRESS_FIELDS);
    boolean deleted = tenant(ctx).delete(body.namespace("namespace", null), body.string("key"));
    if (wantsResult(ctx)) {
      replies.json(ctx, Map.of("deleted", deleted));
    } else {
      Replies.noContent(ctx);
    }
  }

  private void search(Context ctx) {
    var request = StoreJson.search(Body.of(ctx, maxRequestBytes));
    replies.json(ctx, StoreJson.searchResult(tenant(ctx).search(request)));
  }

  private void namespaces(Context ctx) {
    var query = StoreJson.namespaces(Body.of(ctx, maxRequestBytes));
    replies.json(ctx, StoreJson.namespaceList(tenant(ctx).listNamespaces(query)));
  }

  private TenantStore tenant(Context ctx) {
    return new TenantStore(store, RequestGuard.principal(ctx));
  }

  static boolean wantsResult(Context ctx) {
    String prefer = ctx.header("prefer");
    return prefer != null && prefer.contains("return=representation");
  }
}
