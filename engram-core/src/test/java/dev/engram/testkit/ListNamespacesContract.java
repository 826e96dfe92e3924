package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** listNamespaces(): the namespaces holding visible items, matched, cut, sorted and paged. */
public interface ListNamespacesContract extends StoreFixture {

  private void holdItems(Namespace... namespaces) {
    for (Namespace namespace : namespaces) {
      store().put(namespace, "k", object("a", 1));
    }
  }

  /** The namespaces of LangGraph's own listing example. */
  private void langGraphExample() {
    holdItems(ns("a", "b", "c"), ns("a", "b", "d", "e"), ns("a", "b", "d", "i"), ns("a", "b", "f"));
  }

  private List<Namespace> list(NamespaceQuery.Builder query) {
    return store().listNamespaces(query.build());
  }

  @Test
  default void emptyStoreHasNoNamespaces() {
    assertThat(store().listNamespaces(NamespaceQuery.all())).isEmpty();
  }

  @Test
  default void eachNamespaceIsListedOnceInCodePointOrder() {
    holdItems(ns("b"), ns("a", "b"), ns("a-c"), ns("a"), ns("a", "𝄞"), ns("a", "\uFFFD"), ns("B"));
    store().put(ns("a"), "second", object());
    assertThat(store().listNamespaces(NamespaceQuery.all()))
        .containsExactly(ns("B"), ns("a"), ns("a-c"), ns("a", "b"), ns("a", "\uFFFD"),
            ns("a", "𝄞"), ns("b"));
  }

  @Test
  default void ancestorsWithoutItemsOfTheirOwnAreNotListed() {
    holdItems(ns("a", "b", "c"));
    assertThat(store().listNamespaces(NamespaceQuery.all())).containsExactly(ns("a", "b", "c"));
  }

  @Test
  default void namespaceWhoseItemsAreAllGoneIsNotListed() {
    holdItems(ns("deleted"), ns("kept"));
    store().put(ns("expired"), "k", object(), withTtl(Duration.ofSeconds(5)));
    store().put(ns("expired"), "k2", object(), withTtl(Duration.ofSeconds(5)));
    store().put(ns("kept"), "k2", object(), withTtl(Duration.ofSeconds(5)));
    store().delete(ns("deleted"), "k");
    clock().advance(Duration.ofSeconds(5));
    assertThat(store().listNamespaces(NamespaceQuery.all())).containsExactly(ns("kept"));
  }

  @Test
  default void namespaceIsListedAgainWhenItHoldsAnItemAgain() {
    holdItems(ns("back"));
    store().delete(ns("back"), "k");
    holdItems(ns("back"));
    assertThat(store().listNamespaces(NamespaceQuery.all())).containsExactly(ns("back"));
  }

  @Test
  default void prefixMatchesWholeLabels() {
    holdItems(ns("a", "b"), ns("a", "bc"), ns("a", "b", "c"), ns("ab"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("a", "b"))))
        .containsExactly(ns("a", "b"), ns("a", "b", "c"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("a"))))
        .containsExactly(ns("a", "b"), ns("a", "b", "c"), ns("a", "bc"));
  }

  @Test
  default void wildcardInPrefixMatchesExactlyOneLabel() {
    holdItems(ns("users", "alice", "prefs"), ns("users", "bob", "prefs"), ns("users", "bob", "log"),
        ns("users", "prefs"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("users", "*", "prefs"))))
        .containsExactly(ns("users", "alice", "prefs"), ns("users", "bob", "prefs"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("*", "prefs"))))
        .containsExactly(ns("users", "prefs"));
  }

  @Test
  default void suffixMatchesTheLastLabelsWithWildcards() {
    langGraphExample();
    assertThat(list(NamespaceQuery.builder().suffix(ns("d", "*"))))
        .containsExactly(ns("a", "b", "d", "e"), ns("a", "b", "d", "i"));
    assertThat(list(NamespaceQuery.builder().suffix(ns("c")))).containsExactly(ns("a", "b", "c"));
    assertThat(list(NamespaceQuery.builder().suffix(ns("b", "*"))))
        .containsExactly(ns("a", "b", "c"), ns("a", "b", "f"));
    assertThat(list(NamespaceQuery.builder().suffix(ns("x", "a", "b", "c")))).isEmpty();
  }

  @Test
  default void prefixAndSuffixMustBothMatch() {
    langGraphExample();
    holdItems(ns("x", "b", "c"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("a")).suffix(ns("c"))))
        .containsExactly(ns("a", "b", "c"));
    assertThat(list(NamespaceQuery.builder().prefix(ns("a", "b")).suffix(ns("b", "c"))))
        .containsExactly(ns("a", "b", "c"));
  }

  @Test
  default void maxDepthCutsAndDeduplicatesLikeLangGraph() {
    langGraphExample();
    assertThat(list(NamespaceQuery.builder().prefix(ns("a", "b")).maxDepth(3)))
        .containsExactly(ns("a", "b", "c"), ns("a", "b", "d"), ns("a", "b", "f"));
    assertThat(list(NamespaceQuery.builder().maxDepth(1))).containsExactly(ns("a"));
  }

  @Test
  default void maxDepthKeepsShallowerNamespacesAsTheyAre() {
    holdItems(ns("a"), ns("a", "b", "c"), ns("z", "y"));
    assertThat(list(NamespaceQuery.builder().maxDepth(2)))
        .containsExactly(ns("a"), ns("a", "b"), ns("z", "y"));
  }

  @Test
  default void maxDepthAppliesAfterSuffixMatching() {
    langGraphExample();
    assertThat(list(NamespaceQuery.builder().suffix(ns("d", "*")).maxDepth(3)))
        .containsExactly(ns("a", "b", "d"));
  }

  @Test
  default void defaultLimitIsOneHundred() {
    for (int i = 0; i < 120; i++) {
      holdItems(ns("n", String.format("%03d", i)));
    }
    assertThat(store().listNamespaces(NamespaceQuery.all())).hasSize(100).endsWith(ns("n", "099"));
  }

  @Test
  default void pagesConcatenateToTheWholeSortedListAfterDeduplication() {
    for (int i = 0; i < 12; i++) {
      holdItems(ns("t", "p" + (i % 7), "leaf" + i));
    }
    List<Namespace> all = list(NamespaceQuery.builder().maxDepth(2).limit(1000));
    assertThat(all).hasSize(7).isSorted();
    List<Namespace> paged = new ArrayList<>();
    for (int offset = 0; offset < 10; offset += 3) {
      paged.addAll(list(NamespaceQuery.builder().maxDepth(2).limit(3).offset(offset)));
    }
    assertThat(paged).containsExactlyElementsOf(all);
  }

  @Test
  default void queryBuilderRejectsBadSettings() {
    assertInvalid(() -> NamespaceQuery.builder().maxDepth(0)).hasMessageContaining("maxDepth");
    assertInvalid(() -> NamespaceQuery.builder().maxDepth(-1)).hasMessageContaining("maxDepth");
    assertInvalid(() -> NamespaceQuery.builder().limit(0)).hasMessageContaining("limit");
    assertInvalid(() -> NamespaceQuery.builder().limit(1001)).hasMessageContaining("limit");
    assertInvalid(() -> NamespaceQuery.builder().offset(-1)).hasMessageContaining("offset");
    assertInvalid(() -> NamespaceQuery.builder().prefix(null));
    assertInvalid(() -> NamespaceQuery.builder().suffix(null));
  }
}
