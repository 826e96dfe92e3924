package dev.engram.client;

import dev.engram.EngramException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.ToolCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Conversations on the wire, both ways, in the server's snake_case: messages as {@code id},
 * {@code role}, {@code content}, {@code timestamp}, {@code tool_calls}, {@code tool_call_id},
 * {@code metadata}; durations as exact decimal seconds out of the server and ISO-8601 into it.
 */
final class ConversationWire {
  private ConversationWire() {}

  /**
   * The messages as JSON, each checked on its own so that an error names it ({@code message 2}) as
   * a local store would. A null message stays null: the server refuses it, naming it.
   */
  static List<@Nullable Object> messages(List<Message> messages) {
    List<@Nullable Object> json = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      if (message == null) {
        json.add(null);
        continue;
      }
      Map<String, Object> m = message(message);
      Json.check(m, "message " + i);
      json.add(m);
    }
    return json;
  }

  private static Map<String, Object> message(Message message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", message.id());
    json.put("role", message.role().json());
    json.put("content", message.content());
    json.put("timestamp", message.timestamp() == null ? null : message.timestamp().toString());
    List<Object> calls = new ArrayList<>(message.toolCalls().size());
    for (ToolCall call : message.toolCalls()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", call.id());
      c.put("name", call.name());
      c.put("arguments", call.arguments());
      calls.add(c);
    }
    json.put("tool_calls", calls);
    json.put("tool_call_id", message.toolCallId());
    json.put("metadata", message.metadata());
    return json;
  }

  @SuppressWarnings("unchecked")
  private static Message message(Object json) {
    Map<String, Object> m = StoreWire.object(json, "message");
    Message.Builder builder = Message.builder(Role.fromJson((String) m.get("role")),
            (String) m.get("content"))
        .id((String) m.get("id"))
        .timestamp(instant(m.get("timestamp")))
        .toolCallId((String) m.get("tool_call_id"))
        .metadata((Map<String, Object>) m.get("metadata"));
    for (Object call : StoreWire.list(m.get("tool_calls"), "tool_calls")) {
      Map<String, Object> c = StoreWire.object(call, "tool call");
      builder.toolCall(new ToolCall((String) c.get("id"), (String) c.get("name"),
          (Map<String, Object>) c.get("arguments")));
    }
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  static ConversationInfo info(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "conversation");
    return new ConversationInfo(
        (String) m.get("id"),
        Instant.parse((String) m.get("created_at")),
        Instant.parse((String) m.get("updated_at")),
        ((Number) m.get("message_count")).longValue(),
        duration(m.get("ttl_seconds")),
        instant(m.get("expires_at")),
        (Map<String, Object>) m.get("metadata"));
  }

  static Conversation conversation(Object json) {
    List<Message> messages = new ArrayList<>();
    for (Object message : StoreWire.list(StoreWire.object(json, "conversation").get("messages"),
        "messages")) {
      messages.add(message(message));
    }
    return new Conversation(info(json), List.copyOf(messages));
  }

  static ConversationPage page(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "conversation listing");
    List<ConversationInfo> infos = new ArrayList<>();
    for (Object info : StoreWire.list(m.get("conversations"), "conversations")) {
      infos.add(info(info));
    }
    return new ConversationPage(List.copyOf(infos), (String) m.get("next_cursor"));
  }

  static ConversationStats stats(@Nullable Object json) {
    Map<String, Object> m = StoreWire.object(json, "conversation stats");
    Object storage = m.get("storage_bytes");
    return new ConversationStats(count(m, "conversations"), count(m, "messages"),
        count(m, "expired"), storage == null ? null : ((Number) storage).longValue());
  }

  static long count(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    throw new EngramException("the server answered " + json + " without a number \"" + field + "\"");
  }

  /** Exact decimal seconds (microseconds at most) as a duration; null stays null. */
  static @Nullable Duration duration(@Nullable Object seconds) {
    if (seconds == null) {
      return null;
    }
    BigDecimal nanos = new BigDecimal(seconds.toString()).movePointRight(9);
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static @Nullable Instant instant(@Nullable Object text) {
    return text == null ? null : Instant.parse((String) text);
  }
}
