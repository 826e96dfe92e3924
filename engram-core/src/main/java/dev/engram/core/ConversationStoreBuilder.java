package dev.engram.core;

import dev.engram.conversation.ConversationStore;
import dev.engram.spi.BackendUri;
import dev.engram.spi.ConversationBackend;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Configures and opens a {@link ConversationStore}. Every setting is checked when it is set, with a
 * message naming it. Obtain one from {@link Engram#conversations(String)}.
 *
 * <p>Backend-specific settings travel in the URI, e.g. {@code memory:?maxConversations=1000} (the
 * in-memory backend then evicts the least recently used conversation beyond that many).
 */
public final class ConversationStoreBuilder {
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

  private final BackendUri uri;
  private @Nullable Duration defaultTtl;
  private boolean backgroundSweep = true;
  private Duration sweepInterval = StoreBuilder.DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = StoreBuilder.DEFAULT_SWEEP_BATCH_SIZE;
  private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
  private Clock clock = Clock.systemUTC();

  ConversationStoreBuilder(String uri) {
    this.uri = BackendUri.parse(uri);
  }

  /**
   * TTL of conversations saved without one and of those an append creates; default none. At
   * least one microsecond.
   */
  public ConversationStoreBuilder defaultTtl(@Nullable Duration ttl) {
    this.defaultTtl = SettingChecks.optionalTtl(ttl, "defaultTtl");
    return this;
  }

  /** Whether a background thread cleans up expired conversations every {@link #sweepInterval}. */
  public ConversationStoreBuilder backgroundSweep(boolean backgroundSweep) {
    this.backgroundSweep = backgroundSweep;
    return this;
  }

  /** Time between background cleanups; default one minute. */
  public ConversationStoreBuilder sweepInterval(Duration interval) {
    this.sweepInterval = SettingChecks.positive(interval, "sweepInterval");
    return this;
  }

  /** Most conversations one cleanup round deletes in one unit of work; default 1000. */
  public ConversationStoreBuilder sweepBatchSize(int size) {
    this.sweepBatchSize = SettingChecks.atLeast(size, 1, "sweepBatchSize");
    return this;
  }

  /** Largest message accepted, as bytes of its JSON form; default 1 MiB. */
  public ConversationStoreBuilder maxMessageBytes(int bytes) {
    this.maxMessageBytes = SettingChecks.atLeast(bytes, 64, "maxMessageBytes");
    return this;
  }

  /** The clock for timestamps and expiry; inject one to test TTLs without sleeping. */
  public ConversationStoreBuilder clock(Clock clock) {
    this.clock = SettingChecks.clock(clock);
    return this;
  }

  /**
   * Opens the store, creating or migrating its storage as needed.
   *
   * @throws dev.engram.InvalidInputException when the URI is malformed or names no backend
   * @throws dev.engram.UnsupportedFeatureException when the backend has no conversation storage
   * @throws dev.engram.BackendUnavailableException when the storage cannot be opened
   */
  public ConversationStore open() {
    ConversationBackend backend = Backends.forUri(uri).openConversations(uri);
    return new EngineConversationStore(
        backend,
        new ConversationSettings(
            IdInputs.micros(defaultTtl),
            backgroundSweep ? sweepInterval : null,
            sweepBatchSize,
            maxMessageBytes,
            clock));
  }
}
