package dev.engram.core.memory;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.CheckpointBackend;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.SearchIndexSettings;
import dev.engram.spi.StoreBackend;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code memory:} URIs: a fresh, empty in-process store on every open, for tests and
 * development. Anything after the colon only names the store in messages.
 *
 * <p>Search by query runs through an in-memory {@link SearchIndexProvider search index} when one is
 * on the class path (engram-search), tuned by the store parameters of {@link SearchIndexSettings};
 * without one it scores every candidate exactly.
 *
 * <p>Conversations take one parameter, {@code maxConversations} (a positive integer): beyond that
 * many, the least recently used conversation is evicted. Without it there is no bound.
 */
public final class MemoryBackendProvider implements BackendProvider {

  /** Looked up once, on the first store that opens. */
  private static final class IndexProvider {
    static final @Nullable SearchIndexProvider FOUND = SearchIndexProvider.find();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    uri.requireOnlyParams(SearchIndexSettings.PARAMS);
    return new MemoryStoreBackend(
        "memory:" + uri.target(), IndexProvider.FOUND, SearchIndexSettings.from(uri));
  }

  @Override
  public ConversationBackend openConversations(BackendUri uri) {
    uri.requireOnlyParams(Set.of("maxConversations"));
    return new MemoryConversationBackend(
        "memory:" + uri.target(), uri.intParam("maxConversations", Integer.MAX_VALUE));
  }

  @Override
  public CheckpointBackend openCheckpoints(BackendUri uri) {
    uri.requireOnlyParams(Set.of());
    return new MemoryCheckpointBackend("memory:" + uri.target());
  }
}
