package dev.engram.server;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.ThreadPage;
import dev.engram.checkpoint.Write;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The checkpoint threads one principal may see: thread ids outside its grants are refused (403)
 * before the store is asked — both ends of a copy and every thread of a prune included — thread
 * listings hold only its own, and stats over every tenant need a key without grants. A {@link
 * CheckpointStore} itself, so the export reads through it unchanged.
 */
final class TenantCheckpoints implements CheckpointStore {
  private static final String ID = "thread id";

  private final CheckpointStore store;
  private final IdGrants grants;

  TenantCheckpoints(CheckpointStore store, Principal principal) {
    this.store = store;
    this.grants = new IdGrants(principal);
  }

  @Override
  public CheckpointConfig put(
      CheckpointConfig config, Checkpoint checkpoint, Map<String, Object> metadata) {
    return store.put(granted(config), checkpoint, metadata);
  }

  @Override
  public void putWrites(CheckpointConfig config, List<Write> writes, String taskId, String taskPath) {
    store.putWrites(granted(config), writes, taskId, taskPath);
  }

  @Override
  public Optional<CheckpointTuple> getTuple(CheckpointConfig config) {
    return store.getTuple(granted(config));
  }

  @Override
  public List<CheckpointTuple> list(CheckpointConfig config, CheckpointQuery query) {
    return store.list(granted(config), query);
  }

  @Override
  public boolean deleteThread(String threadId) {
    return store.deleteThread(grants.require(threadId, ID));
  }

  @Override
  public long copyThread(String from, String to) {
    return store.copyThread(grants.require(from, ID), grants.require(to, ID));
  }

  @Override
  public long prune(Collection<String> threadIds, PruneStrategy strategy) {
    if (threadIds != null) {
      threadIds.forEach(id -> grants.require(id, ID));
    }
    return store.prune(threadIds, strategy);
  }

  @Override
  public ThreadPage listThreads(int limit, @Nullable String cursor) {
    if (grants.unrestricted()) {
      return store.listThreads(limit, cursor);
    }
    IdGrants.Page<String> page = IdGrants.firstOwned(cursor, next -> {
      ThreadPage read = store.listThreads(limit, next);
      return new IdGrants.Page<>(read.threadIds(), read.nextCursor());
    }, grants.owned());
    return new ThreadPage(page.items(), page.nextCursor());
  }

  @Override
  public CheckpointStats stats() {
    grants.requireUnrestricted("checkpoint stats");
    return store.stats();
  }

  /** Deletes expired threads of every tenant: they are invisible to all of them already. */
  @Override
  public long sweepExpired() {
    return store.sweepExpired();
  }

  @Override
  public void close() {
    // The server's store outlives every request.
  }

  private CheckpointConfig granted(CheckpointConfig config) {
    if (config != null) {
      grants.require(config.threadId(), ID);
    }
    return config;
  }
}
