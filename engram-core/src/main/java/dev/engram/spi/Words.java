package dev.engram.spi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words keyword search compares: maximal runs of letters and digits, lower-cased (root
 * locale). Every backend tokenizes documents and queries this way, so keyword search means the
 * same everywhere. A query's terms leave out common English function words ({@link #STOP_WORDS}:
 * Lucene's classic list plus the pronouns, auxiliaries and question words that questions to an
 * agent's memory are full of): "the", "does" or "she" would otherwise make nearly every item a
 * keyword match and drown the real ones in hybrid fusion. Documents keep them, so lengths are
 * what they are.
 */
public final class Words {
  public static final Set<String> STOP_WORDS =
      Set.of(
          // Lucene's classic English list
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
          "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
          "these", "they", "this", "to", "was", "will", "with",
          // what questions to an agent's memory are made of besides their topic
          "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
          "do", "does", "did", "doing", "done", "have", "has", "had", "having", "been", "being",
          "were", "am", "can", "could", "would", "should", "shall", "may", "might", "must",
          "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
          "he", "him", "his", "she", "her", "hers", "its", "them", "theirs",
          "about", "from", "than", "so", "too", "very", "any", "some", "all", "each", "those",
          "up", "out", "over", "again", "also", "just", "only", "own", "same", "other");

  private Words() {}

  /** The distinct words of a query that keyword search looks for, in order, stop words left out. */
  public static Set<String> queryTerms(String text) {
    Set<String> terms = new LinkedHashSet<>(of(text));
    terms.removeAll(STOP_WORDS);
    return terms;
  }

  public static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean wordChar = Character.isLetterOrDigit(cp);
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(text.substring(start).toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
