package dev.engram.testkit;

import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import java.util.ArrayList;
import java.util.List;

/** Reads every item of a store, page by page, without refreshing TTLs. */
final class TestSearch {
  private TestSearch() {}

  static List<SearchItem> all(Store store) {
    List<SearchItem> all = new ArrayList<>();
    while (true) {
      List<SearchItem> page = store.search(SearchRequest.builder().limit(SearchRequest.MAX_LIMIT)
          .offset(all.size()).refreshTtl(false).build());
      all.addAll(page);
      if (page.size() < SearchRequest.MAX_LIMIT) {
        return all;
      }
    }
  }
}
