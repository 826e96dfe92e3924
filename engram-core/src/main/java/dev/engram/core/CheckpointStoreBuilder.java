package dev.engram.core;

import dev.engram.checkpoint.CheckpointStore;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Configures and opens a {@link CheckpointStore}. Every setting is checked when it is set, with a
 * message naming it. Obtain one from {@link Engram#checkpoints(String)}.
 *
 * <p>LangGraph's usual TTL configuration, {@code {"default_ttl": 60, "refresh_on_read": true}},
 * is {@code defaultTtl(Duration.ofMinutes(60)).refreshOnRead(true)}.
 */
public final class CheckpointStoreBuilder {
  public static final int DEFAULT_MAX_STATE_BYTES = 16 << 20;

  private final BackendUri uri;
  private @Nullable Duration defaultTtl;
  private boolean refreshOnRead = true;
  private boolean backgroundSweep = true;
  private Duration sweepInterval = StoreBuilder.DEFAULT_SWEEP_INTERVAL;
  private int sweepBatchSize = StoreBuilder.DEFAULT_SWEEP_BATCH_SIZE;
  private int maxStateBytes = DEFAULT_MAX_STATE_BYTES;
  private Clock clock = Clock.systemUTC();

  CheckpointStoreBuilder(String uri) {
    this.uri = BackendUri.parse(uri);
  }

  /**
   * How long a thread lives after its last write (and refreshing read); default none (threads live
   * until deleted). At least one microsecond.
   */
  public CheckpointStoreBuilder defaultTtl(@Nullable Duration ttl) {
    this.defaultTtl = SettingChecks.optionalTtl(ttl, "defaultTtl");
    return this;
  }

  /** Whether reads ({@code getTuple}, {@code list}) restart a thread's TTL; default on. */
  public CheckpointStoreBuilder refreshOnRead(boolean refreshOnRead) {
    this.refreshOnRead = refreshOnRead;
    return this;
  }

  /** Whether a background thread deletes expired threads every {@link #sweepInterval}. */
  public CheckpointStoreBuilder backgroundSweep(boolean backgroundSweep) {
    this.backgroundSweep = backgroundSweep;
    return this;
  }

  /** Time between background sweeps; default one minute. */
  public CheckpointStoreBuilder sweepInterval(Duration interval) {
    this.sweepInterval = SettingChecks.positive(interval, "sweepInterval");
    return this;
  }

  /** Most threads one sweep round deletes in one unit of work; default 1000. */
  public CheckpointStoreBuilder sweepBatchSize(int size) {
    this.sweepBatchSize = SettingChecks.atLeast(size, 1, "sweepBatchSize");
    return this;
  }

  /** Largest checkpoint state or metadata accepted, as bytes of JSON; default 16 MiB. */
  public CheckpointStoreBuilder maxStateBytes(int bytes) {
    this.maxStateBytes = SettingChecks.atLeast(bytes, 2, "maxStateBytes");
    return this;
  }

  /** The clock for timestamps and expiry; inject one to test TTLs without sleeping. */
  public CheckpointStoreBuilder clock(Clock clock) {
    this.clock = SettingChecks.clock(clock);
    return this;
  }

  /**
   * Opens the store, creating or migrating its storage as needed.
   *
   * @throws dev.engram.InvalidInputException when the URI is malformed or names no backend
   * @throws dev.engram.UnsupportedFeatureException when the backend has no checkpoint storage
   * @throws dev.engram.BackendUnavailableException when the storage cannot be opened
   */
  public CheckpointStore open() {
    CheckpointBackend backend = Backends.forUri(uri).openCheckpoints(uri);
    return new EngineCheckpointStore(
        backend,
        new CheckpointSettings(
            IdInputs.micros(defaultTtl),
            refreshOnRead,
            backgroundSweep ? sweepInterval : null,
            sweepBatchSize,
            maxStateBytes,
            clock));
  }
}
