package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of a {@link Conversation}.
 *
 * <p>A message given to {@link ConversationStore#save} or {@link ConversationStore#append} may
 * leave {@code id} and {@code timestamp} null: the store then assigns a time-ordered id (UUIDv7
 * style) and the current time. Messages read back always have both. The id makes appends
 * idempotent: appending a message whose id the conversation already holds does nothing.
 *
 * <p>Values read back are canonical JSON (see {@link dev.engram.Item}) and unmodifiable.
 *
 * @param id unique within its conversation; null asks the store to assign one
 * @param role who wrote it
 * @param content the text (may be empty, e.g. for an assistant message that only calls tools)
 * @param timestamp when it was written; null means now. Kept at microsecond precision
 * @param toolCalls the tools an assistant message asks to call, in order (empty for none)
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers, else null
 * @param metadata free JSON object (empty for none)
 */
public record Message(
    @Nullable String id,
    Role role,
    String content,
    @Nullable Instant timestamp,
    List<ToolCall> toolCalls,
    @Nullable String toolCallId,
    Map<String, Object> metadata) {

  public Message {
    if (id != null && id.isEmpty()) {
      throw new InvalidInputException("message id must not be empty (use null to have one assigned)");
    }
    if (role == null) {
      throw new InvalidInputException("message role must not be null");
    }
    if (content == null) {
      throw new InvalidInputException("message content must not be null (use \"\")");
    }
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (toolCallId != null && toolCallId.isEmpty()) {
      throw new InvalidInputException("message toolCallId must not be empty (use null)");
    }
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A user message with a store-assigned id and time. */
  public static Message user(String content) {
    return builder(Role.USER, content).build();
  }

  /** An assistant message with a store-assigned id and time. */
  public static Message assistant(String content) {
    return builder(Role.ASSISTANT, content).build();
  }

  /** A system message with a store-assigned id and time. */
  public static Message system(String content) {
    return builder(Role.SYSTEM, content).build();
  }

  /** A tool's answer to the call {@code toolCallId}, with a store-assigned id and time. */
  public static Message tool(String toolCallId, String content) {
    return builder(Role.TOOL, content).toolCallId(toolCallId).build();
  }

  public static Builder builder(Role role, String content) {
    return new Builder(role, content);
  }

  /** This message with the given id. */
  public Message withId(String id) {
    return new Message(id, role, content, timestamp, toolCalls, toolCallId, metadata);
  }

  /** Builds a {@link Message}; the record checks it when built. */
  public static final class Builder {
    private final Role role;
    private final String content;
    private @Nullable String id;
    private @Nullable Instant timestamp;
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private @Nullable String toolCallId;
    private Map<String, Object> metadata = Map.of();

    private Builder(Role role, String content) {
      this.role = role;
      this.content = content;
    }

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder timestamp(@Nullable Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Adds a tool call (in order). */
    public Builder toolCall(ToolCall call) {
      if (call == null) {
        throw new InvalidInputException("tool call must not be null");
      }
      toolCalls.add(call);
      return this;
    }

    public Builder toolCallId(@Nullable String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    public Builder metadata(@Nullable Map<String, Object> metadata) {
      this.metadata = metadata == null ? Map.of() : metadata;
      return this;
    }

    public Message build() {
      return new Message(id, role, content, timestamp, toolCalls, toolCallId, metadata);
    }
  }
}
