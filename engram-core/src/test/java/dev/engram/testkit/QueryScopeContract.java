package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.StoreOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a search by query may return, in every mode: only items under the prefix, matching the
 * filter, visible, indexed, as they are now; pages that add up to the whole ranking.
 */
public interface QueryScopeContract extends QueryFixture {
  String TEXT = "shared words about gardening tomatoes";

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void theNamespacePrefixMatchesWholeLabelsOnly(SearchMode mode) {
    indexFields("text");
    putText(ns("users", "al"), "in", TEXT);
    putText(ns("users", "al", "notes"), "deeper", TEXT);
    putText(ns("users", "alice"), "out1", TEXT);
    putText(ns("users", "al-x"), "out2", TEXT);
    putText(ns("other"), "out3", TEXT);
    assertThat(keys(query(ns("users", "al"), "gardening tomatoes", mode)))
        .containsExactlyInAnyOrder("in", "deeper");
  }

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void theFilterIsNeverViolated(SearchMode mode) {
    indexFields("text");
    for (int i = 0; i < 20; i++) {
      putText(ns("docs"), "k" + i, TEXT + " number " + i, "lang", i % 4 == 0 ? "en" : "fr", "n", i);
    }
    List<SearchItem> found =
        query(
            SearchRequest.builder()
                .namespacePrefix(ns("docs"))
                .filter(Map.of("lang", "en", "n", Map.of("$gte", 4)))
                .limit(100),
            "gardening tomatoes",
            mode);
    assertThat(keys(found)).containsExactlyInAnyOrder("k4", "k8", "k12", "k16");
  }

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void expiredItemsAreNeverFound(SearchMode mode) {
    indexFields("text");
    putText(ns("docs"), "lasting", TEXT);
    store()
        .put(ns("docs"), "brief", object("text", TEXT),
            PutOptions.builder().ttl(Duration.ofMinutes(1)).build());
    clock().advance(Duration.ofMinutes(2));
    assertThat(keys(query(ns("docs"), "gardening tomatoes", mode))).containsExactly("lasting");
  }

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void pagesAddUpToTheWholeRanking(SearchMode mode) {
    indexFields("text");
    String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"};
    for (int i = 0; i < 40; i++) {
      StringBuilder text = new StringBuilder("common");
      for (int w = 0; w < words.length; w++) {
        if ((i >> (w % 6)) % 2 == 1 || i % (w + 2) == 0) {
          text.append(' ').append(words[w]);
        }
      }
      putText(ns("docs", "p" + (i % 3)), "k" + i, text.toString());
    }
    String q = "alpha charlie echo golf common";
    List<String> whole = keys(query(ns("docs"), q, mode));
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < whole.size() + 7; offset += 7) {
      paged.addAll(
          keys(query(SearchRequest.builder().namespacePrefix(ns("docs")).offset(offset).limit(7), q, mode)));
    }
    assertThat(paged).containsExactlyElementsOf(whole);
    assertThat(whole).hasSize(40);
  }

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void aSearchSeesTheWritesBeforeIt(SearchMode mode) {
    indexFields("text");
    putText(ns("docs"), "filler", "nothing relevant");
    putText(ns("docs"), "k", "gardening tomatoes");
    assertThat(keys(query(ns("docs"), "gardening tomatoes", mode))).startsWith("k");

    putText(ns("docs"), "k", "sailing boats");
    assertThat(keys(query(ns("docs"), "sailing boats", mode))).startsWith("k");
    assertThat(keys(query(ns("docs"), "gardening tomatoes", SearchMode.KEYWORD))).isEmpty();

    store().delete(ns("docs"), "k");
    assertThat(keys(query(ns("docs"), "sailing boats", mode))).doesNotContain("k");
  }

  @ParameterizedTest
  @EnumSource(SearchMode.class)
  default void anItemPutWithoutIndexingIsNeverFoundByQuery(SearchMode mode) {
    indexFields("text");
    store().put(ns("docs"), "hidden", object("text", TEXT), PutOptions.builder().noIndex().build());
    putText(ns("docs"), "shown", TEXT);
    assertThat(keys(query(ns("docs"), "gardening tomatoes", mode))).containsExactly("shown");
    assertThat(keys(searchAll(ns("docs")))).contains("hidden");
  }

  @Test
  default void aPutMayIndexItsOwnFields() {
    indexFields("text");
    store()
        .put(ns("docs"), "own", object("text", "ignored words", "title", "lighthouse keeper"),
            PutOptions.builder().index(List.of("title")).build());
    assertThat(keys(query(ns("docs"), "lighthouse", SearchMode.KEYWORD))).containsExactly("own");
    assertThat(query(ns("docs"), "ignored", SearchMode.KEYWORD)).isEmpty();
  }

  @Test
  default void itemsStoredBeforeTheConfigurationAreIndexedByIt() {
    putText(ns("docs"), "early", "lighthouse keeper");
    indexFields("text");
    assertThat(keys(query(ns("docs"), "lighthouse", SearchMode.KEYWORD))).containsExactly("early");
  }

  @Test
  default void aQueryCanRefreshTheTtlOfWhatItFinds() {
    indexFields("text");
    store()
        .put(ns("docs"), "k", object("text", TEXT),
            PutOptions.builder().ttl(Duration.ofMinutes(10)).build());
    clock().advance(Duration.ofMinutes(5));
    List<SearchItem> found =
        store()
            .search(SearchRequest.builder().namespacePrefix(ns("docs")).query("tomatoes")
                .refreshTtl(true).build());
    assertThat(found.get(0).item().expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(10)));
    assertThat(stored(ns("docs"), "k").expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(10)));
  }

  @Test
  default void aBatchIndexesItsPutsAndQueriesSeeThem() {
    indexFields("text");
    List<Object> results =
        store()
            .batch(
                List.of(
                    new StoreOp.Put(ns("docs"), "a", object("text", "lighthouse keeper"), PutOptions.defaults()),
                    new StoreOp.Put(ns("docs"), "b", object("text", "harbour pilot"), PutOptions.defaults()),
                    new StoreOp.Search(
                        SearchRequest.builder().namespacePrefix(ns("docs")).query("harbour")
                            .mode(SearchMode.KEYWORD).build())));
    @SuppressWarnings("unchecked")
    List<SearchItem> found = (List<SearchItem>) results.get(2);
    assertThat(keys(found)).containsExactly("b");
  }

  @Test
  default void aPageBeyondTheResultsIsEmpty() {
    indexFields("text");
    putText(ns("docs"), "k", TEXT);
    assertThat(query(SearchRequest.builder().namespacePrefix(ns("docs")).offset(5), "tomatoes", SearchMode.VECTOR))
        .isEmpty();
  }

  @Test
  default void searchWithoutAQueryIsUnchangedByIndexing() {
    indexFields("text");
    putText(ns("docs"), "a", TEXT);
    putText(ns("docs"), "b", "other");
    assertThat(searchAll(ns("docs"))).allSatisfy(item -> assertThat(item.score()).isNull());
    assertThat(keys(searchAll(ns("docs")))).containsExactlyInAnyOrder("a", "b");
  }
}
