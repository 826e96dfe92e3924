package dev.engram.spi;

import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Storage behind a {@link dev.engram.checkpoint.CheckpointStore}. The engine validates every
 * input, assigns ids and timestamps, gives writes their indexes, resolves the TTL and passes the
 * current time; a backend stores and fetches, and must give exactly the results of the in-memory
 * reference (the checkpoint conformance kit checks this).
 *
 * <p>Rules every backend implements:
 *
 * <ul>
 *   <li>Time: never read a clock. A thread is visible at {@code now} when its {@code expiresAt} is
 *       null or after {@code now}; an invisible thread and everything in it count as absent.
 *       Instants are whole microseconds and come back unchanged.
 *   <li>TTL: a thread keeps the TTL of its last write ({@link #put}, {@link #putWrites}, {@link
 *       #copyThread} target), which sets {@code expiresAt = now + ttl} (null: never). A refreshing
 *       read renews {@code expiresAt = now + ttl} for a thread that has a TTL.
 *   <li>Order: checkpoint ids compare by code point (binary collation); latest-lookup and listing
 *       are served by an index on (thread, namespace, id), not a scan of the thread.
 *   <li>Pending writes of a checkpoint are keyed by (task id, index) and returned ordered by task
 *       path, task id, index.
 *   <li>Errors: storage failures are {@link dev.engram.BackendUnavailableException} naming {@link
 *       #name()} and the thread.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface CheckpointBackend extends AutoCloseable {

  /** Names this storage in messages and logs, without secrets. */
  String name();

  /**
   * Stores the checkpoint, replacing one with the same thread, namespace and id (its writes are
   * kept). When the thread is expired, everything it held is removed first.
   *
   * @param ttl the thread's TTL from now on, or null for no expiry
   */
  void put(StoredCheckpoint checkpoint, @Nullable Duration ttl, Instant now);

  /**
   * Stores a task's writes against a checkpoint of a visible thread (see {@link IndexedWrite} for
   * insert versus replace), in one atomic step.
   *
   * @throws dev.engram.NotFoundException naming the thread and checkpoint when the checkpoint does
   *     not exist or its thread is not visible
   */
  void putWrites(
      String threadId, String checkpointNs, String checkpointId, String taskId, String taskPath,
      List<IndexedWrite> writes, @Nullable Duration ttl, Instant now);

  /**
   * The checkpoint {@code checkpointId} names, or the latest of the namespace when null, with its
   * pending writes and parent; null when none is visible.
   */
  @Nullable CheckpointTuple get(
      String threadId, String checkpointNs, @Nullable String checkpointId, Instant now,
      boolean refreshTtl);

  /** The exact listing; see {@link CheckpointListing}. */
  List<CheckpointTuple> list(CheckpointListing listing);

  /**
   * Deletes the thread and everything in it, whatever its expiry.
   *
   * @return whether it was visible
   */
  boolean deleteThread(String threadId, Instant now);

  /**
   * Copies every checkpoint (with blobs and writes) of visible thread {@code from} to thread {@code
   * to}, keeping those {@code to} already has, in one atomic step; {@code to} gets TTL {@code ttl}.
   * An expired {@code to} is emptied first.
   *
   * @return how many checkpoints were copied
   */
  long copyThread(String from, String to, @Nullable Duration ttl, Instant now);

  /**
   * Prunes one thread: {@link PruneStrategy#KEEP_LATEST} keeps the latest checkpoint of each
   * namespace with its blobs and writes; {@link PruneStrategy#DELETE} deletes the thread.
   *
   * @return how many checkpoints were removed (0 for an absent thread)
   */
  long prune(String threadId, PruneStrategy strategy, Instant now);

  /** Up to {@code limit} visible thread ids after {@code afterThreadId} (null: from the start). */
  List<String> threads(@Nullable String afterThreadId, int limit, Instant now);

  /** Counts over the visible threads. */
  CheckpointStats stats(Instant now);

  /**
   * Deletes at most {@code limit} threads that expired at or before {@code now}, with everything in
   * them, in one short unit of work.
   *
   * @return how many were deleted; fewer than {@code limit} means none are left
   */
  int deleteExpired(Instant now, int limit);

  @Override
  void close();
}
