package dev.engram.spi;

import dev.engram.InvalidInputException;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.ToolCall;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON form of a {@link Message}, used to store messages, print them and export them:
 *
 * <pre>{@code
 * {"id": "...", "role": "assistant", "content": "...", "timestamp": "2031-05-17T09:30:00.123456Z",
 *  "tool_calls": [{"id": "call_1", "name": "search", "arguments": {"q": "x"}}],
 *  "tool_call_id": null, "metadata": {}}
 * }</pre>
 *
 * Reading accepts missing optional fields ({@code id}, {@code timestamp}, {@code tool_calls},
 * {@code tool_call_id}, {@code metadata}) and rejects unknown ones, naming them.
 */
public final class MessageCodec {
  private static final List<String> FIELDS =
      List.of("id", "role", "content", "timestamp", "tool_calls", "tool_call_id", "metadata");

  private MessageCodec() {}

  /** The message as a JSON object (null id or timestamp written as null). */
  public static Map<String, Object> toJson(Message message) {
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

  /** The JSON text of a stored message: {@link #toJson}, encoded. */
  public static String encode(Message message) {
    return JsonCodec.toJson(toJson(message));
  }

  /** A stored message back from its JSON text. */
  public static Message decode(String json) {
    return fromJson(JsonCodec.parseObject(json, "stored message"), "stored message");
  }

  /**
   * A message from its JSON object.
   *
   * @param what names the message in errors, e.g. {@code "message 3"}
   * @throws InvalidInputException naming the field at fault
   */
  public static Message fromJson(Map<String, Object> json, String what) {
    for (String field : json.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidInputException(
            what + " has an unknown field \"" + field + "\"; known: " + FIELDS);
      }
    }
    String role = string(json, "role", what, true);
    String content = string(json, "content", what, true);
    Message.Builder builder =
        Message.builder(Role.fromJson(role), content)
            .id(string(json, "id", what, false))
            .toolCallId(string(json, "tool_call_id", what, false))
            .metadata(object(json.get("metadata"), what + " metadata", true));
    String timestamp = string(json, "timestamp", what, false);
    if (timestamp != null) {
      try {
        builder.timestamp(Instant.parse(timestamp));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            what + " timestamp must be an ISO-8601 instant such as 2031-05-17T09:30:00Z, was \""
                + timestamp + "\"");
      }
    }
    Object calls = json.get("tool_calls");
    if (calls != null) {
      if (!(calls instanceof List<?> list)) {
        throw new InvalidInputException(what + " tool_calls must be an array");
      }
      int i = 0;
      for (Object call : list) {
        Map<String, Object> c = object(call, what + " tool_calls[" + i + "]", false);
        String where = what + " tool_calls[" + i++ + "]";
        builder.toolCall(
            new ToolCall(
                string(c, "id", where, true),
                string(c, "name", where, true),
                object(c.get("arguments"), where + " arguments", true)));
      }
    }
    return builder.build();
  }

  private static @Nullable String string(
      Map<String, Object> json, String field, String what, boolean required) {
    Object value = json.get(field);
    if (value == null) {
      if (required) {
        throw new InvalidInputException(what + " needs a \"" + field + "\" string");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw new InvalidInputException(
          what + " field \"" + field + "\" must be a string, was "
              + JsonValues.kind(value).description());
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object value, String what, boolean nullIsEmpty) {
    if (value == null && nullIsEmpty) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new InvalidInputException(
        what + " must be a JSON object, was " + JsonValues.kind(value).description());
  }
}
