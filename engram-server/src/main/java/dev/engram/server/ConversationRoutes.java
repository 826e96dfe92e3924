package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.conversation.AppendOptions;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.spi.DecimalSeconds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Engram's conversation endpoints: {@code /conversations/{id}} is one conversation (save with
 * PUT, load with GET, DELETE), its {@code /messages} take appends and its {@code /ttl} is read,
 * set and cleared; {@code /conversations} lists. Ids travel in the path, percent-encoded; a key
 * with grants uses ids under them (see {@link Principal#ownsId}). An absent conversation is a 404
 * here — unlike LangGraph's store GET, this is Engram's own API.
 */
final class ConversationRoutes {
  static final String BASE = "/conversations";
  private static final String ONE = BASE + "/{id}";
  private static final Set<String> LOAD_PARAMS = Set.of("last", "after", "include_expired");
  private static final Set<String> LIST_PARAMS = Set.of("limit", "cursor", "filter");

  private final ConversationStore store;
  private final Replies replies;
  private final long maxRequestBytes;

  ConversationRoutes(ConversationStore store, Replies replies, long maxRequestBytes) {
    this.store = store;
    this.replies = replies;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(RoutesConfig routes, RequestGuard guard) {
    // Fixed paths first: Javalin serves a request by the first route that matches it.
    routes.get(BASE + "/stats", guard.bounded(
        ctx -> replies.json(ctx, ConversationJson.stats(tenant(ctx).stats()))), Access.READ);
    routes.post(BASE + "/cleanup", guard.bounded(
        ctx -> replies.json(ctx, Map.of("removed", tenant(ctx).cleanup()))), Access.ADMIN);
    routes.get(BASE, guard.bounded(this::list), Access.READ);
    routes.delete(BASE, guard.bounded(
        ctx -> replies.json(ctx, Map.of("removed", tenant(ctx).clear()))), Access.ADMIN);
    routes.put(ONE, this::save, Access.WRITE);
    routes.get(ONE, this::load, Access.READ);
    routes.delete(ONE, ctx -> replies.json(ctx, Map.of("deleted", tenant(ctx).delete(id(ctx)))),
        Access.WRITE);
    routes.post(ONE + "/messages", this::append, Access.WRITE);
    routes.get(ONE + "/ttl", this::ttl, Access.READ);
    routes.put(ONE + "/ttl", this::setTtl, Access.WRITE);
    routes.delete(ONE + "/ttl", ctx -> {
      tenant(ctx).setTtl(id(ctx), null);
      ttl(ctx);
    }, Access.WRITE);
  }

  private void save(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(ConversationJson.SAVE_FIELDS);
    var saved = tenant(ctx).save(id(ctx), ConversationJson.messages(body),
        ConversationJson.saveOptions(body));
    replies.json(ctx, ConversationJson.info(saved));
  }

  private void load(Context ctx) {
    QueryParams query = QueryParams.of(ctx, LOAD_PARAMS);
    LoadOptions options = LoadOptions.builder()
        .lastN(query.optionalInteger("last"))
        .after(query.optionalInstant("after"))
        .includeExpired(query.flag("include_expired"))
        .build();
    String id = id(ctx);
    var conversation = tenant(ctx).load(id, options)
        .orElseThrow(() -> new NotFoundException("no conversation \"" + id + "\""));
    replies.json(ctx, ConversationJson.conversation(conversation));
  }

  private void append(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(ConversationJson.APPEND_FIELDS);
    Boolean updateTimestamp = body.optionalBoolean("update_timestamp");
    AppendOptions options = AppendOptions.builder()
        .updateTimestamp(updateTimestamp == null || updateTimestamp).build();
    String id = id(ctx);
    long count = tenant(ctx).append(id, ConversationJson.messages(body), options);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    answer.put("message_count", count);
    replies.json(ctx, answer);
  }

  private void list(Context ctx) {
    QueryParams query = QueryParams.of(ctx, LIST_PARAMS);
    ConversationQuery.Builder request = ConversationQuery.builder()
        .cursor(query.optional("cursor"))
        .metadataFilter(query.optionalObject("filter"));
    Integer limit = query.optionalInteger("limit");
    if (limit != null) {
      request.limit(limit);
    }
    replies.json(ctx, ConversationJson.page(tenant(ctx).list(request.build())));
  }

  /** {@code remaining_seconds}: the time left, null when the conversation never expires. */
  private void ttl(Context ctx) {
    var remaining = tenant(ctx).getTtl(id(ctx));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("remaining_seconds", DecimalSeconds.of(remaining.orElse(null)));
    replies.json(ctx, answer);
  }

  private void setTtl(Context ctx) {
    Body body = Body.of(ctx, maxRequestBytes).allowOnly(ConversationJson.TTL_FIELDS);
    if (!body.has("ttl")) {
      throw new InvalidInputException(
          "request body needs \"ttl\": minutes, an ISO-8601 duration, or null (never expires)");
    }
    Object ttl = body.raw("ttl");
    tenant(ctx).setTtl(id(ctx), ttl == null ? null : WireTtl.parse(ttl, "ttl"));
    ttl(ctx);
  }

  private TenantConversations tenant(Context ctx) {
    return new TenantConversations(store, RequestGuard.principal(ctx));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
