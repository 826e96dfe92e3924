package dev.engram.spi;

import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.LoadOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Storage behind a {@link dev.engram.conversation.ConversationStore}. The engine validates every
 * input, assigns message ids and timestamps, resolves TTLs and passes the current time; a backend
 * stores and fetches, and must give exactly the results of the in-memory reference (the
 * conversation conformance kit checks this).
 *
 * <p>Rules every backend implements:
 *
 * <ul>
 *   <li>Time: never read a clock. A conversation is visible at {@code now} when {@code expiresAt ==
 *       null || expiresAt > now}; an invisible one counts as absent everywhere except {@link
 *       #load} with {@code includeExpired}. Instants are whole microseconds and come back unchanged.
 *   <li>Order: each conversation keeps a sequence number per message; messages come back in
 *       sequence order. Appends from any number of threads and processes must get distinct,
 *       increasing sequence numbers and never lose a message.
 *   <li>Cost: {@link #append} costs O(messages appended): it may read and bump a per-conversation
 *       counter and check each new id against a unique index, but never reads or rewrites the
 *       history.
 *   <li>TTL: a conversation keeps its {@code ttl}; every save, every append that adds a message or
 *       creates the conversation, and every {@link #setTtl} sets {@code expiresAt = now + ttl}.
 *   <li>Errors: storage failures are {@link dev.engram.BackendUnavailableException} naming {@link
 *       #name()} and the conversation.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface ConversationBackend extends AutoCloseable {

  /** Names this storage in messages and logs, without secrets. */
  String name();

  /**
   * Atomically replaces the conversation's messages with {@code messages} (distinct ids, in order),
   * its metadata and TTL. A visible conversation keeps {@code createdAt}; an absent or expired one
   * is created ({@code createdAt = now}). {@code updatedAt = now}.
   *
   * @param ttl the conversation's TTL, or null for no expiry
   */
  ConversationInfo save(
      String id, List<EncodedMessage> messages, EncodedValue metadata, @Nullable Duration ttl,
      Instant now);

  /**
   * Atomically appends the messages whose ids the conversation does not hold yet ({@code messages}
   * has distinct ids), in order, after every message already there. An absent or expired
   * conversation is first created empty, with {@code ttlIfCreated}, no metadata and {@code
   * createdAt = updatedAt = now}. When a message was added, {@code updatedAt} becomes {@code now}
   * if {@code updateTimestamp}. When a message was added or the conversation created, {@code
   * expiresAt = now + ttl}.
   *
   * @return the conversation's message count afterwards
   */
  long append(
      String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Duration ttlIfCreated, Instant now);

  /**
   * The conversation with the messages {@code options} select, oldest first: those with a
   * timestamp strictly after {@code options.after()}, then the last {@code options.lastN()} of
   * them. Null when absent, or expired and not {@code options.includeExpired()}.
   */
  @Nullable Conversation load(String id, LoadOptions options, Instant now);

  /** The visible conversation's header, or null. */
  @Nullable ConversationInfo info(String id, Instant now);

  /**
   * Removes the conversation and its messages, whatever its expiry.
   *
   * @return whether it was visible
   */
  boolean delete(String id, Instant now);

  /**
   * Removes every conversation.
   *
   * @return how many of them were visible
   */
  long clear(Instant now);

  /**
   * Up to {@code limit} visible conversations with an id after {@code afterId} (code point order;
   * null: from the start) whose metadata {@code filter} matches, in id order. A backend may push
   * the filter down as a superset but must check every candidate with {@link Filter#matches}.
   */
  List<ConversationInfo> list(@Nullable String afterId, Filter filter, int limit, Instant now);

  /**
   * Sets a visible conversation's TTL to {@code ttl} and {@code expiresAt} to {@code now + ttl}
   * (both null when {@code ttl} is null), without touching {@code updatedAt}.
   *
   * @return false when there is no visible conversation
   */
  boolean setTtl(String id, @Nullable Duration ttl, Instant now);

  /** Counts over the whole store; {@code storageBytes} null when not known. */
  ConversationStats stats(Instant now);

  /**
   * Deletes at most {@code limit} conversations that expired at or before {@code now}, with their
   * messages, in one short unit of work.
   *
   * @return how many were deleted; fewer than {@code limit} means none are left
   */
  int deleteExpired(Instant now, int limit);

  @Override
  void close();
}
