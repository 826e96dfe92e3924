package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How each mode ranks and scores: vector by cosine, keyword by BM25, hybrid by rank fusion. */
public interface QueryRankingContract extends QueryFixture {
  Namespace FACTS = ns("facts");
  String CAT = "the cat sleeps on the warm windowsill every afternoon";
  String REVENUE = "quarterly revenue grew strongly in europe and asia";
  String COMPILER = "the rust compiler rejects code that breaks borrowing rules";

  private void putFacts() {
    indexFields("text");
    putText(FACTS, "cat", CAT);
    putText(FACTS, "revenue", REVENUE);
    putText(FACTS, "compiler", COMPILER);
  }

  @Test
  default void vectorModeRanksEveryIndexedItemByCosineSimilarity() {
    putFacts();
    List<SearchItem> found = query(FACTS, "where does the cat sleep in the afternoon", SearchMode.VECTOR);
    assertThat(keys(found)).hasSize(3).startsWith("cat");
    assertThat(found.get(0).score())
        .isCloseTo(cosine("where does the cat sleep in the afternoon", CAT), within(1e-3));
    assertThat(found).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    assertThat(found).allSatisfy(item -> assertThat(item.score()).isBetween(-1.0, 1.0));
  }

  @Test
  default void vectorIsTheDefaultModeOfAQuery() {
    putFacts();
    List<SearchItem> found =
        store().search(dev.engram.SearchRequest.builder().namespacePrefix(FACTS).query("rust borrowing").build());
    assertThat(keys(found)).startsWith("compiler");
    assertThat(found.get(0).score()).isCloseTo(cosine("rust borrowing", COMPILER), within(1e-3));
  }

  @Test
  default void keywordModeFindsOnlyItemsHoldingAQueryWord() {
    putFacts();
    List<SearchItem> found = query(FACTS, "Revenue in EUROPE?", SearchMode.KEYWORD);
    assertThat(keys(found)).containsExactly("revenue");
    assertThat(found.get(0).score()).isPositive();
    assertThat(query(FACTS, "nothing matches zebra", SearchMode.KEYWORD)).isEmpty();
  }

  @Test
  default void keywordModeIgnoresStopWordsInTheQuery() {
    putFacts();
    assertThat(query(FACTS, "the and of in on", SearchMode.KEYWORD)).isEmpty();
    assertThat(keys(query(FACTS, "on the windowsill", SearchMode.KEYWORD))).containsExactly("cat");
  }

  @Test
  default void keywordModeFavoursRepeatedAndRarerWords() {
    indexFields("text");
    putText(FACTS, "once", "apple banana");
    putText(FACTS, "thrice", "apple apple apple cherry");
    putText(FACTS, "none", "banana cherry");
    assertThat(keys(query(FACTS, "apple", SearchMode.KEYWORD))).containsExactly("thrice", "once");
    // "durian" occurs in one item only, "banana" in two: the rare word weighs more.
    putText(FACTS, "rare", "durian grape");
    assertThat(keys(query(FACTS, "durian banana", SearchMode.KEYWORD))).startsWith("rare");
  }

  @Test
  default void hybridModeFusesTheRanksOfBothLists() {
    putFacts();
    List<SearchItem> found = query(FACTS, "cat windowsill", SearchMode.HYBRID);
    // First in both lists: 1/61 + 1/61. The others appear only in the vector list.
    assertThat(keys(found)).hasSize(3).startsWith("cat");
    assertThat(found.get(0).score()).isCloseTo(2.0 / 61, within(1e-9));
    assertThat(found.get(1).score()).isCloseTo(1.0 / 62, within(1e-9));
    assertThat(found.get(2).score()).isCloseTo(1.0 / 63, within(1e-9));
  }

  @Test
  default void equalScoresAreOrderedByNamespaceThenKey() {
    indexFields("text");
    putText(ns("b"), "k0", "identical words here");
    putText(ns("a"), "k2", "identical words here");
    putText(ns("a"), "k1", "identical words here");
    for (SearchMode mode : SearchMode.values()) {
      List<SearchItem> found = query(Namespace.root(), "identical words", mode);
      assertThat(found.stream().map(i -> i.namespace() + "/" + i.key()).toList())
          .as(mode.toString())
          .containsExactly("a/k1", "a/k2", "b/k0");
    }
  }

  @Test
  default void anItemWithSeveralTextsScoresByItsBestMatch() {
    indexFields("notes[*]");
    store().put(FACTS, "many", object("notes", array("invoice overdue payment", "cat windowsill nap")));
    store().put(FACTS, "one", object("notes", array("cat food brand")));
    List<SearchItem> found = query(FACTS, "cat windowsill nap", SearchMode.VECTOR);
    assertThat(keys(found)).containsExactly("many", "one");
    assertThat(found.get(0).score()).isCloseTo(1.0, within(1e-3));
  }
}
