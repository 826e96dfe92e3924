package dev.engram.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.spi.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordsAnalyzerTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hello, World! 42 times",
        "ÉTÉ été Straße STRASSE",
        "İstanbul ΟΔΟΣ odos",
        "emoji 😀 between 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters",
        "snake_case kebab-case dotted.name x1y2",
        "",
        "   ...   "
      })
  void splitsTextExactlyLikeWords(String text) throws IOException {
    assertThat(tokens(text)).containsExactlyElementsOf(Words.of(text));
  }

  @ParameterizedTest
  @ValueSource(ints = {IndexWriter.MAX_TERM_LENGTH, IndexWriter.MAX_TERM_LENGTH + 1})
  void aWordTooLongForLuceneIsIndexedUnderItsDigest(int length) throws IOException {
    String word = "a".repeat(length);
    String term = tokens("before " + word + " after").get(1);
    if (length <= IndexWriter.MAX_TERM_LENGTH) {
      assertThat(term).isEqualTo(word);
    } else {
      assertThat(term).startsWith("\u0000").hasSize(65).isEqualTo(WordsAnalyzer.term(word));
    }
  }

  private static List<String> tokens(String text) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (WordsAnalyzer analyzer = new WordsAnalyzer();
        TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    }
    return tokens;
  }
}
