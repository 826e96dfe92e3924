package dev.engram.testkit;

import static dev.engram.testkit.TestData.object;

import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.Store;
import java.util.List;
import java.util.Map;

/** What the search-by-query contracts share: an indexed store and short ways to query it. */
public interface QueryFixture extends StoreFixture {

  /** Whether opening the test's URI again finds the same data (not so for {@code memory:}). */
  boolean storesPersist();

  /** Configures the test's store to index {@code fields} with {@link WordVectors#ID}. */
  default IndexConfig indexFields(String... fields) {
    return store()
        .configureIndex(
            IndexConfig.builder().embedder(WordVectors.ID).fields(fields).build(),
            ReindexProgress.NONE);
  }

  /** Puts {@code {"text": text}} plus the given extra fields. */
  default void putText(Namespace namespace, String key, String text, Object... extra) {
    Map<String, Object> value = new java.util.LinkedHashMap<>(object(extra));
    value.put("text", text);
    store().put(namespace, key, value);
  }

  default List<SearchItem> query(Namespace prefix, String text, SearchMode mode) {
    return query(SearchRequest.builder().namespacePrefix(prefix).limit(100), text, mode);
  }

  default List<SearchItem> query(SearchRequest.Builder request, String text, SearchMode mode) {
    return store().search(request.query(text).mode(mode).build());
  }

  default List<SearchItem> query(Store store, Namespace prefix, String text, SearchMode mode) {
    return store.search(
        SearchRequest.builder().namespacePrefix(prefix).limit(100).query(text).mode(mode).build());
  }

  /** The cosine similarity {@link WordVectors#ID} gives two texts: the expected vector score. */
  default double cosine(String a, String b) {
    WordVectors model = WordVectors.model();
    return dev.engram.spi.Vectors.cosine(model.embed(a), model.embed(b));
  }
}
