package dev.engram;

/**
 * Checks on text that every backend must be able to store unchanged. Namespace labels and keys must
 * pass {@link #requireWellFormed}; strings inside JSON values may hold NUL (it is escaped) but no
 * unpaired surrogate.
 */
public final class Text {
  private Text() {}

  /**
   * Rejects NUL and unpaired surrogates, which no SQL text column and no UTF-8 encoding carries
   * faithfully.
   *
   * @param what names the text in the error, e.g. {@code "key"}
   */
  public static void requireWellFormed(String s, String what) {
    int nul = s.indexOf(0);
    if (nul >= 0) {
      throw new InvalidInputException(what + " contains a NUL character at index " + nul);
    }
    requireNoUnpairedSurrogate(s, what);
  }

  /** Rejects a string with a lone surrogate: it has no UTF-8 encoding. */
  public static void requireNoUnpairedSurrogate(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(what + " contains an unpaired surrogate at index " + i);
      }
    }
  }
}
