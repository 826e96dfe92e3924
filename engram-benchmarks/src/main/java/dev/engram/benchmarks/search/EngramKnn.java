package dev.engram.benchmarks.search;

import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.core.Engram;
import dev.engram.spi.SearchIndexSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Approximate search through Engram's public API: a {@code memory:} store with the Lucene index
 * and the given HNSW settings, each stored vector an item {@code {"v": "train:ROW"}} indexed on
 * {@code v} by a {@link VectorTableEmbedder}, each query a search by the text {@code "test:ROW"}.
 */
final class EngramKnn implements AutoCloseable {
  static final Namespace NAMESPACE = Namespace.of("bench", "fashion");
  private static final int BATCH = 1000;

  private final Store store;

  EngramKnn(
      VectorTableEmbedder embedder, String storedTable, int rows, SearchIndexSettings settings) {
    String uri =
        "memory:?hnswM=" + settings.maxConnections()
            + "&hnswBeamWidth=" + settings.beamWidth()
            + "&hnswCandidates=" + settings.candidates();
    this.store =
        Engram.store(uri).embedder(embedder).backgroundSweep(false).refreshOnRead(false).open();
    store.configureIndex(
        IndexConfig.builder().embedder(embedder.id()).fields("v").build(), ReindexProgress.NONE);
    List<StoreOp> batch = new ArrayList<>(BATCH);
    for (int row = 0; row < rows; row++) {
      String text = VectorTableEmbedder.text(storedTable, row);
      batch.add(StoreOp.put(NAMESPACE, key(row), Map.of("v", text)));
      if (batch.size() == BATCH || row == rows - 1) {
        store.batch(batch);
        batch.clear();
      }
    }
  }

  /** The stored rows nearest to the query text, best first: one {@link Store#search}. */
  int[] search(String queryText, int wanted) {
    List<SearchItem> found =
        store.search(SearchRequest.builder().query(queryText).limit(wanted).build());
    int[] rows = new int[found.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Integer.parseInt(found.get(i).item().key().substring(1));
    }
    return rows;
  }

  private static String key(int row) {
    return "r" + row;
  }

  @Override
  public void close() {
    store.close();
  }
}
