package dev.engram.search.lucene;

import dev.engram.spi.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Splits text into the terms keyword search compares: exactly {@link Words} (runs of letters and
 * digits, lower-cased), so the index and the exact reference agree on every word.
 */
final class WordsAnalyzer extends Analyzer {

  /**
   * The term a word is indexed and searched under: the word itself, or for a word too long for
   * Lucene (a base64 blob inside a document) a digest of it, which no real word can equal since
   * words hold no NUL.
   */
  static String term(String word) {
    if (UnicodeUtil.calcUTF16toUTF8Length(word, 0, word.length()) <= IndexWriter.MAX_TERM_LENGTH) {
      return word;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(word.getBytes(StandardCharsets.UTF_8));
      return "\u0000" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new WordsTokenizer());
  }

  /** Reads the whole value and emits its words; indexed texts are documents, not streams. */
  private static final class WordsTokenizer extends Tokenizer {
    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
    private Iterator<String> words;

    @Override
    public void reset() throws IOException {
      super.reset();
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[4096];
      for (int n; (n = input.read(buffer)) != -1; ) {
        text.append(buffer, 0, n);
      }
      words = Words.of(text.toString()).iterator();
    }

    @Override
    public boolean incrementToken() {
      clearAttributes();
      if (!words.hasNext()) {
        return false;
      }
      termAttribute.setEmpty().append(term(words.next()));
      return true;
    }
  }
}
