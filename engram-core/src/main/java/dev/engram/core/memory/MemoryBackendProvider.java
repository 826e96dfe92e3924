package dev.engram.core.memory;

import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.StoreBackend;
import java.util.Set;

/**
 * Serves {@code memory:} URIs: a fresh, empty in-process store on every open, for tests and
 * development. Anything after the colon only names the store in messages.
 */
public final class MemoryBackendProvider implements BackendProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public StoreBackend openStore(BackendUri uri) {
    uri.requireOnlyParams(Set.of());
    return new MemoryStoreBackend("memory:" + uri.target());
  }
}
