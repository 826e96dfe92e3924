package dev.engram.redis;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.StoreBackend;
import java.util.Set;

/**
 * Serves {@code redis://[user:password@]host:port[/db]} (one server) and {@code
 * redis-cluster://host:port,host:port,...} (Redis Cluster, seed nodes) URIs: the store on Redis 7,
 * with native expiry, and conversations and checkpoints on the same servers (each kind opens its
 * own connection; all share the URI's key prefix without sharing keys).
 *
 * <p>Parameters: {@code prefix} (first part of every key, default {@code engram}; letters, digits,
 * {@code _ - .}), so that several stores can share one server; {@code timeoutMs} (how long a
 * command may take before it fails with {@link dev.engram.BackendUnavailableException}, default
 * 5000; also the connect timeout).
 */
public final class RedisBackendProvider implements BackendProvider {

  /** For {@link java.util.ServiceLoader}. */
  public RedisBackendProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(RedisSettings.STANDALONE_SCHEME, RedisSettings.CLUSTER_SCHEME);
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    return RedisStoreBackend.open(RedisSettings.from(uri));
  }

  @Override
  public ConversationBackend openConversations(BackendUri uri) {
    return RedisConversationBackend.open(RedisSettings.from(uri));
  }

  @Override
  public CheckpointBackend openCheckpoints(BackendUri uri) {
    return RedisCheckpointBackend.open(RedisSettings.from(uri));
  }
}
