package dev.engram.search.lucene;

import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndexLockedException;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene search index of {@code memory:} and {@code sqlite:} stores: HNSW graphs for vectors,
 * postings for keywords. In memory ({@link ByteBuffersDirectory}) or in a folder, which one process
 * writes at a time (Lucene's write lock); a folder that cannot be read is emptied for a rebuild.
 */
public final class LuceneSearchIndexProvider implements SearchIndexProvider {
  private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndexProvider.class);

  /** For {@link java.util.ServiceLoader}. */
  public LuceneSearchIndexProvider() {}

  @Override
  public SearchIndex openInMemory(String storeName, SearchIndexSettings settings) {
    try {
      return new LuceneSearchIndex(storeName, settings, new ByteBuffersDirectory(), OpenMode.CREATE);
    } catch (IOException e) {
      throw new UncheckedIOException(storeName + " - cannot create the search index: " + e, e);
    }
  }

  @Override
  public SearchIndex open(Path folder, String storeName, SearchIndexSettings settings) {
    Directory directory = null;
    try {
      Files.createDirectories(folder);
      directory = FSDirectory.open(folder);
      try {
        return new LuceneSearchIndex(storeName, settings, directory, OpenMode.CREATE_OR_APPEND);
      } catch (LockObtainFailedException e) {
        throw locked(storeName, folder, e);
      } catch (IOException | IllegalArgumentException e) {
        // Corrupt, truncated, or written by an incompatible Lucene: the records rebuild it.
        log.warn("{} - the search index {} cannot be read ({}); discarding it for a rebuild",
            storeName, folder, e.toString());
        discardContents(directory);
        return new LuceneSearchIndex(storeName, settings, directory, OpenMode.CREATE);
      }
    } catch (LockObtainFailedException e) {
      close(directory);
      throw locked(storeName, folder, e);
    } catch (IOException e) {
      close(directory);
      throw new UncheckedIOException(
          storeName + " - cannot open the search index " + folder + ": " + e, e);
    } catch (RuntimeException e) {
      close(directory);
      throw e;
    }
  }

  /** Deletes every file but the lock, holding the lock so no other process is using them. */
  private static void discardContents(Directory directory) throws IOException {
    try (Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String file : directory.listAll()) {
        if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
          directory.deleteFile(file);
        }
      }
    }
  }

  private static SearchIndexLockedException locked(
      String storeName, Path folder, LockObtainFailedException e) {
    return new SearchIndexLockedException(
        storeName + " - the search index " + folder + " is open in another process (or another"
            + " store of this one)", e);
  }

  private static void close(Directory directory) {
    if (directory == null) {
      return;
    }
    try {
      directory.close();
    } catch (IOException e) {
      log.debug("closing a search index folder failed", e);
    }
  }
}
