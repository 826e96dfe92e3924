package dev.engram.client;

import dev.engram.EngramException;
import dev.engram.conversation.AppendOptions;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.SaveOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ConversationStore} of an Engram server, over its {@code /conversations} endpoints.
 * The server validates and reports; the client checks only what a request cannot carry (nulls,
 * empty ids, text without a UTF-8 form) and names each message in errors as a local store does.
 */
final class HttpConversationStore implements ConversationStore {
  private static final String BASE = "conversations";
  private static final String ID = "conversation id";

  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpConversationStore(Transport transport) {
    this.transport = transport;
  }

  @Override
  public ConversationInfo save(String id, List<Message> messages, SaveOptions options) {
    String path = path(id);
    Ids.required(messages, "messages of save");
    Ids.required(options, "options of save");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", ConversationWire.messages(messages));
    if (options.noExpiry()) {
      body.put("ttl", null);
    } else if (options.ttl() != null) {
      // An ISO-8601 duration is exact to the microsecond; minutes would round.
      body.put("ttl", options.ttl().toString());
    }
    body.put("metadata", options.metadata());
    return ConversationWire.info(transport().send("PUT", path, body, false));
  }

  @Override
  public Optional<Conversation> load(String id, LoadOptions options) {
    String path = path(id);
    Ids.required(options, "options of load");
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("last", options.lastN());
    query.put("after", options.after());
    query.put("include_expired", options.includeExpired() ? Boolean.TRUE : null);
    Object json = transport().getIfPresent(path, query);
    return json == Transport.ABSENT ? Optional.empty()
        : Optional.of(ConversationWire.conversation(json));
  }

  @Override
  public long append(String id, List<Message> messages, AppendOptions options) {
    String path = path(id) + "/messages";
    Ids.required(messages, "messages of append");
    Ids.required(options, "options of append");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", ConversationWire.messages(messages));
    if (!options.updateTimestamp()) {
      body.put("update_timestamp", false);
    }
    Object json = transport().send("POST", path, body, false);
    return ConversationWire.count(StoreWire.object(json, "append result"), "message_count");
  }

  @Override
  public boolean delete(String id) {
    Object json = transport().send("DELETE", path(id));
    return Boolean.TRUE.equals(StoreWire.object(json, "delete result").get("deleted"));
  }

  @Override
  public long clear() {
    Object json = transport().send("DELETE", BASE);
    return ConversationWire.count(StoreWire.object(json, "clear result"), "removed");
  }

  @Override
  public ConversationPage list(ConversationQuery query) {
    Ids.required(query, "conversation query");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("limit", query.limit());
    params.put("cursor", query.cursor());
    if (!query.metadataFilter().isEmpty()) {
      params.put("filter", new String(Json.write(query.metadataFilter()),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return ConversationWire.page(transport().get(BASE, params));
  }

  /** Loads at most one message: whether the conversation is there, without its history. */
  @Override
  public boolean exists(String id) {
    Map<String, Object> query = Map.of("last", 1);
    return transport().getIfPresent(path(id), query) != Transport.ABSENT;
  }

  @Override
  public ConversationStats stats() {
    return ConversationWire.stats(transport().get(BASE + "/stats", Map.of()));
  }

  @Override
  public Optional<Duration> getTtl(String id) {
    return remaining(transport().get(path(id) + "/ttl", Map.of()));
  }

  @Override
  public void setTtl(String id, @Nullable Duration ttl) {
    String path = path(id) + "/ttl";
    if (ttl == null) {
      transport().send("DELETE", path);
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ttl", ttl.toString());
      transport().send("PUT", path, body, false);
    }
  }

  @Override
  public long cleanup() {
    Object json = transport().send("POST", BASE + "/cleanup", Map.of(), false);
    return ConversationWire.count(StoreWire.object(json, "cleanup result"), "removed");
  }

  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "ConversationStore[" + transport.base() + "]";
  }

  private static Optional<Duration> remaining(@Nullable Object json) {
    return Optional.ofNullable(
        ConversationWire.duration(StoreWire.object(json, "ttl").get("remaining_seconds")));
  }

  private String path(String id) {
    return BASE + "/" + Transport.segment(Ids.check(id, ID));
  }

  private Transport transport() {
    if (closed.get()) {
      throw new EngramException("conversation store " + transport.base() + " is closed");
    }
    return transport;
  }
}
