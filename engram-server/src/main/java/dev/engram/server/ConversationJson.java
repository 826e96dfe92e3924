package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.Message;
import dev.engram.conversation.SaveOptions;
import dev.engram.spi.DecimalSeconds;
import dev.engram.spi.MessageCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversations on the wire, in the snake_case the CLI prints and export files hold: messages as
 * {@link MessageCodec} writes them ({@code id}, {@code role}, {@code content}, {@code timestamp},
 * {@code tool_calls}, {@code tool_call_id}, {@code metadata}), times as ISO-8601 text, durations
 * as exact decimal seconds.
 */
final class ConversationJson {
  static final Set<String> SAVE_FIELDS = Set.of("messages", "ttl", "metadata");
  static final Set<String> APPEND_FIELDS = Set.of("messages", "update_timestamp");
  static final Set<String> TTL_FIELDS = Set.of("ttl");

  private ConversationJson() {}

  /**
   * The messages of a body's {@code messages} array, each named by its index in errors. A JSON
   * null stays null, for the store to refuse naming the conversation and the index.
   */
  static List<Message> messages(Body body) {
    List<?> json = body.array("messages");
    List<Message> messages = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      String what = "message " + i;
      if (json.get(i) == null) {
        messages.add(null);
        continue;
      }
      if (!(json.get(i) instanceof Map<?, ?>)) {
        throw new InvalidInputException(what + " must be a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> message = (Map<String, Object>) json.get(i);
      messages.add(MessageCodec.fromJson(message, what));
    }
    return messages;
  }

  /** {@code ttl}: minutes or ISO-8601; null never expires; absent, the store's default. */
  static SaveOptions saveOptions(Body body) {
    SaveOptions.Builder options = SaveOptions.builder().metadata(body.optionalObject("metadata"));
    if (body.has("ttl")) {
      if (body.raw("ttl") == null) {
        options.noExpiry();
      } else {
        options.ttl(WireTtl.parse(body.raw("ttl"), "ttl"));
      }
    }
    return options.build();
  }

  static Map<String, Object> info(ConversationInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", info.id());
    json.put("message_count", info.messageCount());
    json.put("created_at", info.createdAt().toString());
    json.put("updated_at", info.updatedAt().toString());
    json.put("ttl_seconds", DecimalSeconds.of(info.ttl()));
    json.put("expires_at", info.expiresAt() == null ? null : info.expiresAt().toString());
    json.put("metadata", info.metadata());
    return json;
  }

  static Map<String, Object> conversation(Conversation conversation) {
    Map<String, Object> json = info(conversation.info());
    json.put("messages", conversation.messages().stream().map(MessageCodec::toJson).toList());
    return json;
  }

  static Map<String, Object> page(ConversationPage page) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("conversations", page.conversations().stream().map(ConversationJson::info).toList());
    json.put("next_cursor", page.nextCursor());
    return json;
  }

  static Map<String, Object> stats(ConversationStats stats) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("conversations", stats.conversations());
    json.put("messages", stats.messages());
    json.put("expired", stats.expired());
    json.put("storage_bytes", stats.storageBytes());
    return json;
  }
}
