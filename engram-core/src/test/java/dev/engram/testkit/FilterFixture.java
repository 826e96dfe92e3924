package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;

import dev.engram.Namespace;
import dev.engram.SearchRequest;
import java.util.List;
import java.util.Map;

/** Helpers for filter contracts: documents stored under one namespace, matched by key. */
public interface FilterFixture extends StoreFixture {

  Namespace FILTERED = ns("filtered");

  /** Stores {@code value} under {@code key} in the filter namespace. */
  default void doc(String key, Map<String, Object> value) {
    store().put(FILTERED, key, value);
  }

  /** The keys of the documents {@code filter} matches, in result order. */
  default List<String> matching(Map<String, Object> filter) {
    SearchRequest request =
        SearchRequest.builder().namespacePrefix(FILTERED).filter(filter).limit(1000).build();
    return keys(store().search(request));
  }
}
