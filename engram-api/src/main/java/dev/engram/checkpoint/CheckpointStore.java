package dev.engram.checkpoint;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Short-term memory: per-thread snapshots of agent state, their history and pending writes, with
 * the semantics of a LangGraph checkpointer, so a LangGraph application can be served by it.
 *
 * <p>Semantics are the same on every backend:
 *
 * <ul>
 *   <li><b>Order.</b> Checkpoint ids sort by time (code point order of the id); the latest
 *       checkpoint is the greatest id, and listings come newest first.
 *   <li><b>Writes.</b> See {@link SpecialChannels}: a normal write is inserted only when its task
 *       has nothing at its index yet; a special channel's write replaces the previous one.
 *   <li><b>Thread TTL.</b> With a default TTL configured, a thread expires that long after its last
 *       put (and, when refresh on read is configured, after its last read). An expired thread is
 *       absent from every read at once; a background sweep deletes it in bounded batches. A put to
 *       an expired thread starts it afresh.
 * </ul>
 *
 * <p>Thread ids, namespaces, checkpoint ids, task ids and channel names are at most 1024
 * characters without NUL or unpaired surrogates. Implementations are thread-safe. Errors are
 * {@link dev.engram.EngramException}s: {@link dev.engram.InvalidInputException} for bad input,
 * {@link dev.engram.NotFoundException} when writes name a checkpoint that does not exist, {@link
 * dev.engram.BackendUnavailableException} when the storage fails.
 */
public interface CheckpointStore extends AutoCloseable {

  /**
   * Stores a checkpoint (replacing one with the same id) and refreshes the thread's TTL.
   *
   * @param config the thread and namespace; its {@code checkpointId}, if any, is the parent
   * @param checkpoint the snapshot; a null id or ts is assigned
   * @param metadata a JSON object stored with it (LangGraph: source, step, writes, parents, ...)
   * @return the stored checkpoint's address
   */
  CheckpointConfig put(CheckpointConfig config, Checkpoint checkpoint, Map<String, Object> metadata);

  /**
   * Stores a task's writes against the checkpoint {@code config} names. Each write's index is its
   * position in {@code writes}, or the fixed index of a {@linkplain SpecialChannels special channel}.
   *
   * @param taskPath the task's path in the graph; {@code ""} when not known
   * @throws dev.engram.InvalidInputException when {@code config} names no checkpoint id
   * @throws dev.engram.NotFoundException when that checkpoint does not exist (or its thread expired)
   */
  void putWrites(CheckpointConfig config, List<Write> writes, String taskId, String taskPath);

  /**
   * The checkpoint {@code config} names, or the latest of its thread and namespace when it names
   * none, with its pending writes and parent; empty when there is none.
   */
  Optional<CheckpointTuple> getTuple(CheckpointConfig config);

  /**
   * The checkpoints of {@code config}'s thread and namespace (or every namespace, see {@link
   * CheckpointQuery#allNamespaces()}), newest first, each with its pending writes. When {@code
   * config} names a checkpoint, only that one.
   */
  List<CheckpointTuple> list(CheckpointConfig config, CheckpointQuery query);

  /**
   * Deletes a thread: every checkpoint, blob and write of every namespace.
   *
   * @return whether a visible thread was deleted
   */
  boolean deleteThread(String threadId);

  /**
   * Copies every checkpoint and write of thread {@code from} to thread {@code to}, keeping ids,
   * namespaces and parents. Checkpoints {@code to} already has (same namespace and id) are kept.
   *
   * @return how many checkpoints were copied
   */
  long copyThread(String from, String to);

  /**
   * Prunes the given threads (absent ones are ignored).
   *
   * @return how many checkpoints were removed
   */
  long prune(Collection<String> threadIds, PruneStrategy strategy);

  /**
   * One page of visible threads, in code point order of their ids.
   *
   * @param limit 1 to 1000
   * @param cursor a previous page's {@link ThreadPage#nextCursor()}, or null for the first page
   */
  ThreadPage listThreads(int limit, @Nullable String cursor);

  /** Counts over the whole store. */
  CheckpointStats stats();

  /**
   * Deletes expired threads now, in bounded rounds.
   *
   * @return how many threads were removed
   */
  long sweepExpired();

  /** Releases the store's resources; the store is unusable afterwards. */
  @Override
  void close();
}
