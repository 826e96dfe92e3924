package dev.engram.postgres;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.StoreBackend;
import java.util.Set;

/**
 * Serves {@code postgresql://user:password@host:port/database} URIs (also spelled {@code
 * postgres://}): the store in a PostgreSQL 15+ database, its tables created and migrated on open.
 *
 * <p>Parameters: {@code schema} (where the tables live, created when missing; default {@code
 * public}), {@code poolSize} (most connections, default 10), {@code connectTimeoutMs} (how long an
 * operation waits for a connection before failing, default 5000), {@code socketTimeoutMs} (how long
 * a statement waits for the server before its connection counts as lost, default 30000) and {@code
 * sslmode} (as in libpq: {@code disable} to {@code verify-full}) and {@code prepareThreshold} (runs
 * of a statement before the driver prepares it on the server, default 5; 0 behind a pooler in
 * transaction mode). Percent-encode special characters in the user and password.
 */
public final class PostgresBackendProvider implements BackendProvider {

  /** For {@link java.util.ServiceLoader}. */
  public PostgresBackendProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("postgresql", "postgres");
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    return PostgresStoreBackend.open(PostgresSettings.from(uri));
  }

  /** Conversations in the same schema as the store, with a pool of their own. */
  @Override
  public ConversationBackend openConversations(BackendUri uri) {
    return PostgresConversationBackend.open(PostgresSettings.from(uri));
  }

  /** Checkpoints in the same schema as the store, with a pool of their own. */
  @Override
  public CheckpointBackend openCheckpoints(BackendUri uri) {
    return PostgresCheckpointBackend.open(PostgresSettings.from(uri));
  }
}
