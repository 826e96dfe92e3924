package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.ValueTooLargeException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.SpecialChannels;
import dev.engram.checkpoint.ThreadPage;
import dev.engram.checkpoint.Write;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.CheckpointListing;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexedWrite;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.StoredCheckpoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CheckpointStore} every backend shares: validates input, assigns checkpoint ids and
 * timestamps, gives writes their LangGraph indexes, resolves the thread TTL, reads the clock, and
 * leaves storing and fetching to a {@link CheckpointBackend}.
 */
final class EngineCheckpointStore implements CheckpointStore {
  private static final int MAX_THREAD_PAGE = 1000;

  private final CheckpointBackend backend;
  private final CheckpointSettings settings;
  private final EngineClock clock;
  private final @Nullable Sweeper sweeper;

  EngineCheckpointStore(CheckpointBackend backend, CheckpointSettings settings) {
    this.backend = backend;
    this.settings = settings;
    this.clock = new EngineClock(settings.clock(), "checkpoint store " + backend.name());
    this.sweeper =
        settings.sweepInterval() == null
            ? null
            : new Sweeper(
                backend.name() + " checkpoints", settings.sweepInterval(), this::sweepExpired);
  }

  @Override
  public CheckpointConfig put(
      CheckpointConfig config, Checkpoint checkpoint, Map<String, Object> metadata) {
    checkConfig(config);
    String thread = "thread \"" + config.threadId() + "\"";
    if (checkpoint == null) {
      throw new InvalidInputException(thread + ": checkpoint must not be null");
    }
    Instant now = clock.now();
    String id =
        checkpoint.id() == null
            ? TimeOrderedIds.next(now)
            : IdInputs.id(checkpoint.id(), thread + ": checkpoint id");
    String what = thread + ", checkpoint \"" + id + "\"";
    for (String blob : checkpoint.blobs().keySet()) {
      IdInputs.id(blob, what + ": blob name");
    }
    Instant ts = checkpoint.ts() == null ? now : checkpoint.ts().truncatedTo(ChronoUnit.MICROS);
    StoredCheckpoint stored =
        new StoredCheckpoint(
            config.threadId(), config.checkpointNs(), id, config.checkpointId(), ts,
            encode(checkpoint.state(), what + ": state"), checkpoint.blobs(),
            encode(metadata == null ? Map.of() : metadata, what + ": metadata"));
    backend.put(stored, settings.defaultTtl(), now);
    return config.withCheckpointId(id);
  }

  @Override
  public void putWrites(
      CheckpointConfig config, List<Write> writes, String taskId, String taskPath) {
    checkConfig(config);
    String what = "thread \"" + config.threadId() + "\"";
    if (config.checkpointId() == null) {
      throw new InvalidInputException(what + ": putWrites needs a config naming a checkpoint");
    }
    IdInputs.id(taskId, what + ": taskId");
    IdInputs.text(taskPath == null ? "" : taskPath, what + ": taskPath");
    if (writes == null) {
      throw new InvalidInputException(what + ": writes must not be null (use an empty list)");
    }
    List<IndexedWrite> indexed = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      Write write = writes.get(i);
      if (write == null) {
        throw new InvalidInputException(what + ": write " + i + " is null");
      }
      IdInputs.id(write.channel(), what + ": write " + i + " channel");
      Integer special = SpecialChannels.index(write.channel());
      indexed.add(new IndexedWrite(special == null ? i : special, write.channel(), write.value()));
    }
    backend.putWrites(
        config.threadId(), config.checkpointNs(), config.checkpointId(), taskId,
        taskPath == null ? "" : taskPath, indexed, settings.defaultTtl(), clock.now());
  }

  @Override
  public Optional<CheckpointTuple> getTuple(CheckpointConfig config) {
    checkConfig(config);
    return Optional.ofNullable(
        backend.get(
            config.threadId(), config.checkpointNs(), config.checkpointId(), clock.now(),
            settings.refreshOnRead()));
  }

  @Override
  public List<CheckpointTuple> list(CheckpointConfig config, CheckpointQuery query) {
    checkConfig(config);
    if (query == null) {
      throw new InvalidInputException("checkpoint query must not be null (use CheckpointQuery.all())");
    }
    CheckpointListing listing =
        new CheckpointListing(
            config.threadId(),
            query.allNamespaces() ? null : config.checkpointNs(),
            config.checkpointId(),
            query.before(),
            Filter.parse(query.filter()),
            query.limit() == null ? Integer.MAX_VALUE : query.limit(),
            clock.now(),
            settings.refreshOnRead());
    return backend.list(listing);
  }

  @Override
  public boolean deleteThread(String threadId) {
    IdInputs.id(threadId, "threadId");
    return backend.deleteThread(threadId, clock.now());
  }

  @Override
  public long copyThread(String from, String to) {
    IdInputs.id(from, "copyThread source threadId");
    IdInputs.id(to, "copyThread target threadId");
    if (from.equals(to)) {
      throw new InvalidInputException(
          "copyThread needs two different threads, was \"" + from + "\" twice");
    }
    return backend.copyThread(from, to, settings.defaultTtl(), clock.now());
  }

  @Override
  public long prune(Collection<String> threadIds, PruneStrategy strategy) {
    if (threadIds == null) {
      throw new InvalidInputException("prune threadIds must not be null");
    }
    if (strategy == null) {
      throw new InvalidInputException("prune strategy must not be null");
    }
    List<String> threads = List.copyOf(threadIds);
    threads.forEach(id -> IdInputs.id(id, "prune threadId"));
    long removed = 0;
    for (String threadId : threads) {
      removed += backend.prune(threadId, strategy, clock.now());
    }
    return removed;
  }

  @Override
  public ThreadPage listThreads(int limit, @Nullable String cursor) {
    if (limit < 1 || limit > MAX_THREAD_PAGE) {
      throw new InvalidInputException(
          "limit must be between 1 and " + MAX_THREAD_PAGE + ", was " + limit);
    }
    List<String> found = backend.threads(Cursors.decode(cursor), limit + 1, clock.now());
    if (found.size() <= limit) {
      return new ThreadPage(List.copyOf(found), null);
    }
    List<String> page = List.copyOf(found.subList(0, limit));
    return new ThreadPage(page, Cursors.encode(page.get(limit - 1)));
  }

  @Override
  public CheckpointStats stats() {
    return backend.stats(clock.now());
  }

  @Override
  public long sweepExpired() {
    long removed = 0;
    int round;
    do {
      round = backend.deleteExpired(clock.now(), settings.sweepBatchSize());
      removed += round;
    } while (round >= settings.sweepBatchSize());
    return removed;
  }

  private static void checkConfig(CheckpointConfig config) {
    if (config == null) {
      throw new InvalidInputException("checkpoint config must not be null");
    }
    IdInputs.id(config.threadId(), "threadId");
    String thread = "thread \"" + config.threadId() + "\"";
    IdInputs.text(config.checkpointNs(), thread + ": checkpointNs");
    if (config.checkpointId() != null) {
      IdInputs.id(config.checkpointId(), thread + ": checkpointId");
    }
  }

  private EncodedValue encode(Map<String, Object> json, String what) {
    EncodedValue encoded = JsonCodec.encode(json, what);
    if (encoded.sizeBytes() > settings.maxStateBytes()) {
      throw new ValueTooLargeException(what, encoded.sizeBytes(), settings.maxStateBytes());
    }
    return encoded;
  }

  @Override
  public void close() {
    if (!clock.close()) {
      return;
    }
    try {
      if (sweeper != null) {
        sweeper.close();
      }
    } finally {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "CheckpointStore[" + backend.name() + "]";
  }
}
