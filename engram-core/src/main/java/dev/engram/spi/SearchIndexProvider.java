package dev.engram.spi;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Opens {@link SearchIndex}es. Found through {@link java.util.ServiceLoader}, so backends search
 * through an index when a provider is on the class path (engram-search has the Lucene one) and
 * score exactly over their records when none is.
 */
public interface SearchIndexProvider {

  /** An index held in memory, for a store that lives in memory. */
  SearchIndex openInMemory(String storeName, SearchIndexSettings settings);

  /**
   * The index kept in {@code directory}, created when missing. Contents that cannot be read
   * (corrupt, or from an incompatible version) are discarded with a warning, and the index starts
   * empty ({@link SearchIndex#commitData()} is empty): the caller rebuilds it.
   *
   * @throws SearchIndexLockedException when another process, or another store of this one, has
   *     the index open
   * @throws java.io.UncheckedIOException when the folder cannot be used at all
   */
  SearchIndex open(Path directory, String storeName, SearchIndexSettings settings);

  /** The first provider on the class path, or null. */
  static @Nullable SearchIndexProvider find() {
    return ServiceLoader.load(SearchIndexProvider.class).findFirst().orElse(null);
  }
}
