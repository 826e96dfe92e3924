package dev.engram.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Conversations: append-only message histories with metadata, for chat applications.
 *
 * <p>Semantics are the same on every backend:
 *
 * <ul>
 *   <li><b>Order.</b> Messages come back in the order they were appended (oldest first), one total
 *       order per conversation even under concurrent appends; timestamps do not reorder them.
 *   <li><b>Append is cheap and safe.</b> It costs O(messages appended), never a rewrite of the
 *       history; concurrent appends never lose a message; a message whose id the conversation
 *       already holds is skipped, so a retried append does nothing twice.
 *   <li><b>TTL is sliding.</b> A conversation with a TTL expires {@code ttl} after its last save or
 *       append (and after {@link #setTtl}); loading does not extend it. An expired conversation is
 *       absent to every operation (except {@link LoadOptions#includeExpired()} until it is cleaned
 *       up); appending to it starts a new, empty one.
 * </ul>
 *
 * <p>Conversation and message ids are 1 to 1024 characters without NUL or unpaired surrogates.
 * Implementations are thread-safe. Errors are {@link dev.engram.EngramException}s: {@link
 * dev.engram.InvalidInputException} for bad input (nothing was written), {@link
 * dev.engram.NotFoundException} where a conversation had to exist, {@link
 * dev.engram.BackendUnavailableException} when the storage fails.
 */
public interface ConversationStore extends AutoCloseable {

  /**
   * Creates or replaces a conversation: afterwards it holds exactly {@code messages}, in order, with
   * the options' metadata and TTL. A replacement keeps {@code createdAt}.
   *
   * @throws dev.engram.InvalidInputException when a message is invalid or two share an id
   */
  ConversationInfo save(String id, List<Message> messages, SaveOptions options);

  /** Saves with the store's default TTL and no metadata. */
  default ConversationInfo save(String id, List<Message> messages) {
    return save(id, messages, SaveOptions.defaults());
  }

  /** The conversation, or empty when there is none (or it expired, unless asked for). */
  Optional<Conversation> load(String id, LoadOptions options);

  /** Every message of the visible conversation, or empty. */
  default Optional<Conversation> load(String id) {
    return load(id, LoadOptions.defaults());
  }

  /**
   * Appends messages in order, creating the conversation (store default TTL, no metadata) when it
   * does not exist. Messages whose id the conversation already holds, or that an earlier message of
   * the same call has, are skipped. When at least one message is added (or the conversation is
   * created), the TTL starts again from now.
   *
   * @return the conversation's message count afterwards
   */
  long append(String id, List<Message> messages, AppendOptions options);

  /** Appends with the default options (moving {@code updatedAt}). */
  default long append(String id, List<Message> messages) {
    return append(id, messages, AppendOptions.defaults());
  }

  /** Appends one message with the default options. */
  default long append(String id, Message message) {
    return append(id, List.of(message), AppendOptions.defaults());
  }

  /**
   * Removes a conversation and its messages.
   *
   * @return whether a visible conversation was removed
   */
  boolean delete(String id);

  /**
   * Removes every conversation.
   *
   * @return how many visible conversations were removed
   */
  long clear();

  /** One page of visible conversations whose metadata matches the query's filter, by id. */
  ConversationPage list(ConversationQuery query);

  /** Whether a visible conversation with this id exists. */
  boolean exists(String id);

  /** Counts over the whole store. */
  ConversationStats stats();

  /**
   * The time the conversation has left before it expires.
   *
   * @return the remaining time, or empty when the conversation has no TTL
   * @throws dev.engram.NotFoundException when there is no such (visible) conversation
   */
  Optional<Duration> getTtl(String id);

  /**
   * Gives the conversation a new TTL starting now, or none when {@code ttl} is null. What {@link
   * #load} and {@link #getTtl} report changes with the real expiry, at once.
   *
   * @throws dev.engram.NotFoundException when there is no such (visible) conversation
   */
  void setTtl(String id, @Nullable Duration ttl);

  /**
   * Deletes expired conversations now, in bounded rounds.
   *
   * @return how many were removed
   */
  long cleanup();

  /** Releases the store's resources; the store is unusable afterwards. */
  @Override
  void close();
}
