package dev.engram.benchmarks.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.spi.Words;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holds the labelled set to its rules, so an edit cannot quietly make keyword search easy. */
class RetrievalSetTest {
  /** Words that carry no topic: articles, pronouns, auxiliaries, question words, prepositions. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
          "with", "from", "about", "as", "into", "over", "under", "up", "out", "off", "than",
          "then", "so", "not", "no", "nor", "is", "are", "was", "were", "be", "been", "being",
          "am", "do", "does", "did", "have", "has", "had", "will", "would", "shall", "should",
          "can", "could", "may", "might", "must", "what", "which", "who", "whom", "whose", "when",
          "where", "why", "how", "this", "that", "these", "those", "there", "here", "i", "me",
          "my", "mine", "myself", "we", "us", "our", "you", "your", "he", "him", "his", "she",
          "her", "it", "its", "they", "them", "their", "s", "t", "m", "d", "ll", "re", "ve");

  private final List<RetrievalSet.Pair> pairs = RetrievalSet.load().pairs();

  @Test
  void holdsAtLeastThreeHundredDistinctFactsOfAgentMemorySize() {
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(300);
    Set<String> facts = new HashSet<>();
    for (RetrievalSet.Pair pair : pairs) {
      assertThat(facts.add(pair.fact().toLowerCase(Locale.ROOT)))
          .as("fact stated twice: %s", pair.fact())
          .isTrue();
      assertThat(Words.of(pair.fact()).size()).as(pair.fact()).isBetween(10, 25);
    }
  }

  @Test
  void noQuestionSharesAContentWordWithItsFact() {
    for (RetrievalSet.Pair pair : pairs) {
      Set<String> factWords = new HashSet<>(Words.of(pair.fact()));
      List<String> content =
          Words.of(pair.question()).stream().filter(w -> !STOP_WORDS.contains(w)).toList();
      assertThat(content).as("question without a content word: %s", pair.question()).isNotEmpty();
      assertThat(content)
          .as("question %s shares words with its fact %s", pair.question(), pair.fact())
          .doesNotContainAnyElementsOf(factWords);
    }
  }

  @Test
  void questionsAreDistinct() {
    assertThat(pairs.stream().map(RetrievalSet.Pair::question).distinct().count())
        .isEqualTo(pairs.size());
  }
}
