package dev.engram;

import java.util.Comparator;

/**
 * The one ordering of text Engram uses everywhere (keys, namespaces, string filters): by Unicode
 * code point, which is the byte order of UTF-8 and what SQL databases do with a binary collation.
 * {@link String#compareTo} orders by UTF-16 unit instead and disagrees for characters above U+FFFF,
 * so it must not be used where results have to agree across backends.
 */
public final class TextOrder {
  /** Compares strings by Unicode code point. */
  public static final Comparator<String> CODE_POINT = TextOrder::compare;

  private TextOrder() {}

  /** Compares two strings by Unicode code point; negative, zero or positive like compareTo. */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, so they rank above
        // every BMP character from U+E000 up even though their UTF-16 value is lower.
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  private static int rank(char c) {
    return Character.isSurrogate(c) ? c + 0x2000 : (c >= 0xE000 ? c - 0x800 : c);
  }
}
