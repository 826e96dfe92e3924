package dev.engram.core;

import dev.engram.Embedder;
import dev.engram.InvalidInputException;
import dev.engram.Store;
import dev.engram.spi.BackendUri;
import dev.engram.spi.StoreBackend;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Configures and opens a {@link Store}. Every setting is checked when it is set, with a message
 * naming it. Obtain one from {@link Engram#store(String)}.
 */
public final class StoreBuilder {
  public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_KEY_LENGTH = 1024;
  public static final int DEFAULT_SWEEP_BATCH_SIZE = 1000;
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
  public static final int DEFAULT_EMBEDDING_CACHE_SIZE = 10_000;

  private final BackendUri uri;
  private @Nullable Duration defaultTtl;
  private boolean refreshOnRead = true;
  private boolean backgroundSweep = true;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = DEFAULT_SWEEP_BATCH_SIZE;
  private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
  private int maxKeyLength = DEFAULT_MAX_KEY_LENGTH;
  private Clock clock = Clock.systemUTC();
  private @Nullable Embedder embedder;
  private int embeddingCacheSize = DEFAULT_EMBEDDING_CACHE_SIZE;

  StoreBuilder(String uri) {
    this.uri = BackendUri.parse(uri);
  }

  /**
   * TTL of items put without one; default none (items live until deleted). At least one
   * microsecond, the precision stores keep time in.
   */
  public StoreBuilder defaultTtl(@Nullable Duration ttl) {
    if (ttl != null && ttl.compareTo(Duration.ofNanos(1000)) < 0) {
      throw new InvalidInputException("defaultTtl must be at least 1 microsecond, was " + ttl);
    }
    this.defaultTtl = ttl;
    return this;
  }

  /** Whether reads refresh the TTL of the items they return when the call does not say; default on. */
  public StoreBuilder refreshOnRead(boolean refreshOnRead) {
    this.refreshOnRead = refreshOnRead;
    return this;
  }

  /** Whether a background thread sweeps expired items every {@link #sweepInterval}; default on. */
  public StoreBuilder backgroundSweep(boolean backgroundSweep) {
    this.backgroundSweep = backgroundSweep;
    return this;
  }

  /** Time between background sweeps; default one minute. */
  public StoreBuilder sweepInterval(Duration interval) {
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new InvalidInputException("sweepInterval must be positive, was " + interval);
    }
    this.sweepInterval = interval;
    return this;
  }

  /** Most items one sweep round deletes in one unit of work; default 1000. */
  public StoreBuilder sweepBatchSize(int size) {
    if (size < 1) {
      throw new InvalidInputException("sweepBatchSize must be at least 1, was " + size);
    }
    this.sweepBatchSize = size;
    return this;
  }

  /** Largest value accepted, as bytes of its JSON text; default 1 MiB. */
  public StoreBuilder maxValueBytes(int bytes) {
    if (bytes < 2) {
      throw new InvalidInputException("maxValueBytes must be at least 2, was " + bytes);
    }
    this.maxValueBytes = bytes;
    return this;
  }

  /** Longest key accepted, in characters; default 1024. */
  public StoreBuilder maxKeyLength(int length) {
    if (length < 1) {
      throw new InvalidInputException("maxKeyLength must be at least 1, was " + length);
    }
    this.maxKeyLength = length;
    return this;
  }

  /** The clock for timestamps and expiry; inject one to test TTLs without sleeping. */
  public StoreBuilder clock(Clock clock) {
    if (clock == null) {
      throw new InvalidInputException("clock must not be null");
    }
    this.clock = clock;
    return this;
  }

  /**
   * The embedder this process indexes and queries with, instead of the one the store's index
   * configuration names (created through the class path's providers). If the store was indexed
   * with another model, searches by query fail until {@link Store#reindex} has re-embedded it.
   */
  public StoreBuilder embedder(Embedder embedder) {
    if (embedder == null) {
      throw new InvalidInputException("embedder must not be null");
    }
    this.embedder = embedder;
    return this;
  }

  /** How many recent texts' vectors the store keeps to avoid embedding them again; default 10,000. */
  public StoreBuilder embeddingCacheSize(int entries) {
    if (entries < 1) {
      throw new InvalidInputException("embeddingCacheSize must be at least 1, was " + entries);
    }
    this.embeddingCacheSize = entries;
    return this;
  }

  /**
   * Opens the store, creating or migrating its storage as needed.
   *
   * @throws InvalidInputException when the URI is malformed or names no available backend
   * @throws dev.engram.BackendUnavailableException when the storage cannot be opened
   */
  public Store open() {
    StoreBackend backend = Backends.forUri(uri).openStore(uri);
    StoreSettings settings =
        new StoreSettings(
            defaultTtl,
            refreshOnRead,
            backgroundSweep ? sweepInterval : null,
            sweepBatchSize,
            maxValueBytes,
            maxKeyLength,
            clock,
            embedder,
            embeddingCacheSize);
    return new EngineStore(backend, settings);
  }
}
