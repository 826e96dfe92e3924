package dev.engram.sqlite;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.StoreBackend;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code sqlite:PATH} URIs: the embedded default store, one SQLite file in WAL mode.
 *
 * <p>Parameters: {@code busyTimeoutMs} (how long a write waits for another process holding the
 * file, default 5000), {@code synchronous} ({@code normal}, the default, survives a crash of the
 * process; {@code full} also survives power loss) and {@code readers} (connections serving reads
 * concurrently, default 4), and the search index's graph settings ({@code hnswM}, {@code
 * hnswBeamWidth}, {@code hnswCandidates}; see {@link dev.engram.spi.SearchIndexSettings}).
 *
 * <p>Search by query goes through a search index in the folder beside the file ({@code
 * engram.db.index}) when a {@link SearchIndexProvider} is on the class path (engram-search), derived
 * from the index entries kept in the file; without one, or in a second process while the first
 * holds the index, queries score exactly over the records.
 *
 * <p>The store, conversations and checkpoints of one URI live in the same file, each opened with
 * its own connections.
 */
public final class SqliteBackendProvider implements BackendProvider {

  /** Looked up once, on the first store that opens. */
  private static final class IndexProvider {
    static final @Nullable SearchIndexProvider FOUND = SearchIndexProvider.find();
  }

  /** For {@link java.util.ServiceLoader}. */
  public SqliteBackendProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("sqlite");
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    return SqliteStoreBackend.open(SqliteSettings.from(uri), IndexProvider.FOUND);
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
