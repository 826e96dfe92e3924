package dev.engram.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a conversation without its messages: what {@link ConversationStore#list}
 * returns, and the header of a {@link Conversation}.
 *
 * @param createdAt when the conversation was first written (kept by later saves)
 * @param updatedAt when it was last saved or appended to (appends may leave it alone, see {@link
 *     AppendOptions#updateTimestamp()})
 * @param messageCount how many messages it holds in total
 * @param ttl how long it lives after each save or append, or null for no expiry
 * @param expiresAt when it stops being visible, or null for never
 * @param metadata free JSON object set by {@link ConversationStore#save} (empty for none)
 */
public record ConversationInfo(
    String id,
    Instant createdAt,
    Instant updatedAt,
    long messageCount,
    @Nullable Duration ttl,
    @Nullable Instant expiresAt,
    Map<String, Object> metadata) {}
