package dev.engram.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words keyword search compares: maximal runs of letters and digits, lower-cased (root
 * locale). Every backend tokenizes documents and queries this way, so keyword search means the
 * same everywhere.
 */
public final class Words {
  private Words() {}

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
