package dev.engram.sqlite;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.StoreBackend;
import java.util.Set;

/**
 * Serves {@code sqlite:PATH} URIs: the embedded default store, one SQLite file in WAL mode.
 *
 * <p>Parameters: {@code busyTimeoutMs} (how long a write waits for another process holding the
 * file, default 5000), {@code synchronous} ({@code normal}, the default, survives a crash of the
 * process; {@code full} also survives power loss) and {@code readers} (connections serving reads
 * concurrently, default 4).
 *
 * <p>The store, conversations and checkpoints of one URI live in the same file, each opened with
 * its own connections.
 */
public final class SqliteBackendProvider implements BackendProvider {

  /** For {@link java.util.ServiceLoader}. */
  public SqliteBackendProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("sqlite");
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    return SqliteStoreBackend.open(SqliteSettings.from(uri));
  }

  @Override
  public ConversationBackend openConversations(BackendUri uri) {
    return new SqliteConversationBackend(SqliteSettings.from(uri));
  }

  @Override
  public CheckpointBackend openCheckpoints(BackendUri uri) {
    return new SqliteCheckpointBackend(SqliteSettings.from(uri));
  }
}
