package dev.engram.search.lucene;

import dev.engram.spi.ItemIndex;
import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SearchIndex} on one Lucene {@link Directory}: an {@link IndexWriter} for the changes and
 * a near-real-time {@link SearcherManager} over it, refreshed before each search when something
 * changed, so a search sees every write made before it.
 */
final class LuceneSearchIndex implements SearchIndex {
  private final String name;
  private final SearchIndexSettings settings;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** Opens the index on {@code directory}, which it closes when it closes. */
  LuceneSearchIndex(
      String name, SearchIndexSettings settings, Directory directory, IndexWriterConfig.OpenMode mode)
      throws IOException {
    this.name = name;
    this.settings = settings;
    this.directory = directory;
    IndexWriterConfig config =
        new IndexWriterConfig(new WordsAnalyzer())
            .setCodec(LuceneKnn.codec(settings))
            .setOpenMode(mode)
            // The owner commits, recording how far the index has caught up; a commit on close
            // would record progress that was never checked.
            .setCommitOnClose(false);
    IndexWriter opened = new IndexWriter(directory, config);
    try {
      this.searchers = new SearcherManager(opened, null);
    } catch (IOException | RuntimeException e) {
      opened.rollback();
      throw e;
    }
    this.writer = opened;
  }

  @Override
  public void put(Address address, ItemIndex index, @Nullable Instant expiresAt) {
    try {
      if (index.entries().isEmpty()) {
        writer.deleteDocuments(ItemDocuments.idTerm(address));
      } else {
        writer.updateDocuments(
            ItemDocuments.idTerm(address), ItemDocuments.of(address, index, expiresAt));
      }
    } catch (IOException e) {
      throw failure("indexing " + address.namespace() + "/" + address.key(), e);
    }
  }

  @Override
  public void remove(Address address) {
    try {
      writer.deleteDocuments(ItemDocuments.idTerm(address));
    } catch (IOException e) {
      throw failure("removing " + address.namespace() + "/" + address.key(), e);
    }
  }

  @Override
  public void removeAll() {
    try {
      writer.deleteAll();
    } catch (IOException e) {
      throw failure("clearing", e);
    }
  }

  @Override
  public Map<String, String> commitData() {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  @Override
  public void commit(Map<String, String> data) {
    try {
      writer.setLiveCommitData(Map.copyOf(data).entrySet());
      writer.commit();
    } catch (IOException e) {
      throw failure("committing", e);
    }
  }

  @Override
  public List<Hit> vector(Scope scope, float[] vector, String model, int depth) {
    return search(s -> VectorSearch.search(s, settings, scope, vector, model, depth), "vector");
  }

  @Override
  public List<Hit> keyword(Scope scope, String text, int depth) {
    return search(s -> KeywordSearch.search(s, scope, text, depth), "keyword");
  }

  private interface Search {
    List<Hit> run(IndexSearcher searcher) throws IOException;
  }

  private List<Hit> search(Search search, String what) {
    try {
      searchers.maybeRefreshBlocking();
      IndexSearcher searcher = searchers.acquire();
      try {
        return search.run(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw failure(what + " search", e);
    }
  }

  private UncheckedIOException failure(String what, IOException e) {
    return new UncheckedIOException(name + " - search index: " + what + " failed: " + e, e);
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw failure("closing", e);
    }
  }

  @Override
  public String toString() {
    return "LuceneSearchIndex[" + name + ", " + directory + "]";
  }
}
