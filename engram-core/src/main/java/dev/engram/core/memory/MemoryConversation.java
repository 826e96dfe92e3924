package dev.engram.core.memory;

import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One conversation of the in-memory backend. Mutable, and guarded by the backend's lock: appends
 * add to the list in place, which is what makes them O(messages appended).
 */
final class MemoryConversation {
  final String id;
  final Instant createdAt;
  Instant updatedAt;
  @Nullable Duration ttl;
  @Nullable Instant expiresAt;
  final Map<String, Object> metadata;
  final List<Message> messages = new ArrayList<>();
  private final Set<String> messageIds = new HashSet<>();

  MemoryConversation(
      String id, Instant createdAt, Instant now, @Nullable Duration ttl,
      Map<String, Object> metadata) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = now;
    this.metadata = metadata;
    setTtl(ttl, now);
  }

  boolean visibleAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Adds the message unless one with its id is here; returns whether it was added. */
  boolean add(Message message) {
    if (!messageIds.add(message.id())) {
      return false;
    }
    messages.add(message);
    return true;
  }

  void setTtl(@Nullable Duration ttl, Instant now) {
    this.ttl = ttl;
    this.expiresAt = ttl == null ? null : now.plus(ttl);
  }

  ConversationInfo info() {
    return new ConversationInfo(
        id, createdAt, updatedAt, messages.size(), ttl, expiresAt, metadata);
  }
}
