package dev.engram.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A conversation as {@link ConversationStore#load} returns it: its header and the messages the load
 * asked for, oldest (first appended) first. {@link #messageCount()} is the total, even when {@code
 * lastN} or {@code after} loaded fewer.
 */
public record Conversation(ConversationInfo info, List<Message> messages) {

  public String id() {
    return info.id();
  }

  public Instant createdAt() {
    return info.createdAt();
  }

  public Instant updatedAt() {
    return info.updatedAt();
  }

  /** The number of messages the conversation holds, whatever this load returned. */
  public long messageCount() {
    return info.messageCount();
  }

  public @Nullable Duration ttl() {
    return info.ttl();
  }

  public @Nullable Instant expiresAt() {
    return info.expiresAt();
  }

  public Map<String, Object> metadata() {
    return info.metadata();
  }
}
