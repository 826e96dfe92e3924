package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.UnsupportedFeatureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Search without a query: prefix matching, order, paging, and what results carry. */
public interface SearchContract extends StoreFixture {

  private void putAll(Namespace namespace, String... keys) {
    for (String key : keys) {
      store().put(namespace, key, object("key", key));
    }
  }

  private List<String> namespacesOf(List<SearchItem> results) {
    return results.stream().map(found -> found.namespace().toString()).toList();
  }

  @Test
  default void searchOfAnEmptyStoreFindsNothing() {
    assertThat(store().search(SearchRequest.builder().build())).isEmpty();
  }

  @Test
  default void rootPrefixFindsEverything() {
    putAll(ns("a"), "1");
    putAll(ns("b", "c"), "2");
    putAll(ns("d", "e", "f"), "3");
    assertThat(keys(searchAll(Namespace.root()))).containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  default void prefixMatchesTheNamespaceItselfAndItsDescendants() {
    putAll(ns("users"), "top");
    putAll(ns("users", "alice"), "alice");
    putAll(ns("users", "alice", "prefs"), "prefs");
    putAll(ns("groups", "users"), "elsewhere");
    assertThat(keys(searchAll(ns("users")))).containsExactlyInAnyOrder("top", "alice", "prefs");
    assertThat(keys(searchAll(ns("users", "alice")))).containsExactlyInAnyOrder("alice", "prefs");
  }

  @Test
  default void prefixMatchesWholeLabelsOnly() {
    putAll(ns("users", "alice"), "alice");
    putAll(ns("users", "al"), "al");
    putAll(ns("users", "al_ice"), "underscore");
    putAll(ns("users", "al%"), "percent");
    putAll(ns("users2"), "users2");
    assertThat(keys(searchAll(ns("users", "al")))).containsExactly("al");
    assertThat(keys(searchAll(ns("users", "al%")))).containsExactly("percent");
    assertThat(keys(searchAll(ns("users")))).doesNotContain("users2");
  }

  @Test
  default void prefixLongerThanAnyNamespaceFindsNothing() {
    putAll(ns("a", "b"), "k");
    assertThat(searchAll(ns("a", "b", "c"))).isEmpty();
    assertThat(searchAll(ns("b"))).isEmpty();
  }

  @Test
  default void newestUpdateComesFirst() {
    for (String key : List.of("first", "second", "third")) {
      store().put(ns("log"), key, object());
      clock().advance(Duration.ofMillis(1));
    }
    store().put(ns("log"), "first", object("touched", true));
    assertThat(keys(searchAll(ns("log")))).containsExactly("first", "third", "second");
  }

  @Test
  default void timeOrderUsesMicrosecondsNotTheSubMicrosecondClock() {
    store().put(ns("log"), "b", object());
    clock().advance(Duration.ofNanos(100));
    store().put(ns("log"), "a", object());
    assertThat(keys(searchAll(ns("log")))).containsExactly("a", "b");
  }

  @Test
  default void tiesAreBrokenByNamespaceTextInCodePointOrder() {
    // "a-c" sorts before "a.b" as text ('-' < '.') although label-wise "a" < "a-c".
    for (Namespace namespace :
        List.of(ns("b"), ns("a", "b"), ns("a-c"), ns("a"), ns("a", "𝄞"), ns("a", "\uFFFD"))) {
      store().put(namespace, "k", object());
    }
    assertThat(namespacesOf(searchAll(Namespace.root())))
        .containsExactly("a", "a-c", "a.b", "a.\uFFFD", "a.𝄞", "b");
  }

  @Test
  default void tiesWithinANamespaceAreBrokenByKeyInCodePointOrder() {
    putAll(ns("keys"), "é", "a", "𝄞", "B", "\uFFFD", "aa", "10", "9", "A");
    assertThat(keys(searchAll(ns("keys"))))
        .containsExactly("10", "9", "A", "B", "a", "aa", "é", "\uFFFD", "𝄞");
  }

  @Test
  default void defaultLimitIsTen() {
    for (int i = 0; i < 15; i++) {
      store().put(ns("many"), "k" + i, object());
    }
    assertThat(store().search(SearchRequest.under(ns("many")))).hasSize(10);
    assertThat(SearchRequest.builder().build().limit()).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 10, 23, 24, 1000})
  default void pagesConcatenateToTheFullResultWithoutGapsOrDuplicates(int pageSize) {
    putItemsWithTiesAndExpiredOnes();
    List<String> everything = keys(searchAll(Namespace.root()));
    assertThat(everything).hasSize(23).doesNotHaveDuplicates();

    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 40; offset += pageSize) {
      List<SearchItem> page =
          store()
              .search(SearchRequest.builder().limit(pageSize).offset(offset).build());
      assertThat(page.size()).isLessThanOrEqualTo(pageSize);
      paged.addAll(keys(page));
    }
    assertThat(paged).containsExactlyElementsOf(everything);
  }

  /** 23 visible items in 3 namespaces with shared timestamps, plus expired ones between them. */
  private void putItemsWithTiesAndExpiredOnes() {
    PutOptions shortLived = withTtl(Duration.ofSeconds(30));
    List<Namespace> namespaces = List.of(ns("p", "x"), ns("p"), ns("q", "y", "z"));
    for (int i = 0; i < 23; i++) {
      store().put(namespaces.get(i % 3), "item-" + i, object("i", i));
      store().put(namespaces.get(i % 2), "expiring-" + i, object("i", i), shortLived);
      if (i % 4 == 3) {
        clock().advance(Duration.ofSeconds(1));
      }
    }
    clock().advance(Duration.ofMinutes(1));
  }

  @Test
  default void offsetPastTheEndGivesAnEmptyPage() {
    putAll(ns("a"), "1", "2");
    assertThat(store().search(SearchRequest.builder().offset(2).build())).isEmpty();
    assertThat(store().search(SearchRequest.builder().offset(500).limit(1000).build())).isEmpty();
  }

  @Test
  default void resultsCarryTheFullItemAndNoScore() {
    Item put =
        store()
            .put(ns("a"), "k", object("x", 1), withTtl(Duration.ofDays(1)));
    List<SearchItem> found =
        store().search(SearchRequest.builder().refreshTtl(false).build());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).item()).isEqualTo(put);
    assertThat(found.get(0).score()).isNull();
  }

  @Test
  default void queryIsUnsupportedWithAnExplanation() {
    putAll(ns("a"), "k");
    assertThatThrownBy(() -> store().search(SearchRequest.builder().query("coffee").build()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("query");
  }

  @Test
  default void searchLimitAndOffsetAreCheckedWhenTheRequestIsBuilt() {
    assertInvalid(() -> SearchRequest.builder().limit(0)).hasMessageContaining("limit");
    assertInvalid(() -> SearchRequest.builder().limit(1001)).hasMessageContaining("limit");
    assertInvalid(() -> SearchRequest.builder().limit(-5)).hasMessageContaining("limit");
    assertInvalid(() -> SearchRequest.builder().offset(-1)).hasMessageContaining("offset");
    assertInvalid(() -> SearchRequest.builder().namespacePrefix(null));
    assertThat(SearchRequest.builder().limit(1000).offset(1_000_000).build().limit())
        .isEqualTo(1000);
  }

  @Test
  default void deletedItemsDisappearFromResults() {
    putAll(ns("a"), "1", "2", "3");
    store().delete(ns("a"), "2");
    store().put(ns("a"), "3", null);
    assertThat(keys(searchAll(ns("a")))).containsExactly("1");
  }
}
