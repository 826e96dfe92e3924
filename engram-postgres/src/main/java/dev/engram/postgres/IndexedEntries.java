package dev.engram.postgres;

import dev.engram.InvalidInputException;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.Words;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An {@link ItemIndex} as the parameters of an indexed write ({@link IndexSql}): the item's index
 * columns, then the entries as arrays, all of one dimension.
 *
 * <p>Keyword search compares {@link Words}, so the words of each text are found here, in Java,
 * and handed to PostgreSQL as a tsvector of exactly those lexemes ({@code 'word':1,2,3}, the
 * positions 1..n counting the word's occurrences, which BM25 needs) rather than letting a text
 * search configuration parse the text its own way. tsvector's limits apply to these copies only:
 * a word longer than {@link #MAX_LEXEME_BYTES} cannot be matched, a word counts at most {@link
 * #MAX_POSITIONS} times per text, and an entry keeps its first distinct words up to {@link
 * #MAX_LEXEMES_BYTES}. The item's length, {@code index_words}, counts every word.
 */
final class IndexedEntries {
  /** tsvector's longest lexeme. */
  static final int MAX_LEXEME_BYTES = 2047;
  /** tsvector's most positions per lexeme. */
  static final int MAX_POSITIONS = 256;
  /** tsvector's most bytes of lexemes, less room for the rest. */
  static final int MAX_LEXEMES_BYTES = 1_000_000;

  private final ItemIndex index;
  private final String[] paths;
  private final String[] texts;
  private final String[] lexemes;
  private final int words;

  private IndexedEntries(ItemIndex index, String what) {
    this.index = index;
    List<IndexEntry> entries = index.entries();
    paths = new String[entries.size()];
    texts = new String[entries.size()];
    lexemes = new String[entries.size()];
    int count = 0;
    int dimensions = entries.isEmpty() ? 0 : entries.get(0).vector().length;
    for (int e = 0; e < entries.size(); e++) {
      IndexEntry entry = entries.get(e);
      if (entry.vector().length != dimensions) {
        throw new InvalidInputException("the index entries of " + what + " have vectors of "
            + dimensions + " and " + entry.vector().length + " dimensions");
      }
      paths[e] = withoutNul(entry.path());
      texts[e] = withoutNul(entry.text());
      List<String> found = Words.of(entry.text());
      count += found.size();
      lexemes[e] = tsvector(found);
    }
    words = count;
  }

  /** The parameters of {@code index}; {@code what} names the item in errors. */
  static IndexedEntries of(ItemIndex index, String what) {
    return new IndexedEntries(index, what);
  }

  /**
   * Binds {@code index_model, index_fields, index_words} from parameter {@code i} on.
   *
   * @return the next parameter index
   */
  int bindColumns(PreparedStatement ps, int i) throws SQLException {
    ps.setString(i, index.model());
    List<String> fields = index.fields();
    // JSON text rather than text[]: a path may hold NUL, which the JSON escape keeps.
    ps.setString(i + 1, fields == null ? null : JsonCodec.toJson(fields));
    if (index.entries().isEmpty()) {
      ps.setNull(i + 2, Types.INTEGER);
    } else {
      ps.setInt(i + 2, words);
    }
    return i + 3;
  }

  /**
   * Binds the parameters of the entries' replacement ({@link IndexSql#replaceEntries}): how many
   * entries there are (later ones are deleted), their paths, texts and lexemes, then their vectors.
   *
   * @return the next parameter index
   */
  int bindEntries(Connection c, PreparedStatement ps, int i, VectorStorage vectors)
      throws SQLException {
    ps.setInt(i++, paths.length);
    ps.setArray(i++, c.createArrayOf("text", paths));
    ps.setArray(i++, c.createArrayOf("text", texts));
    ps.setArray(i++, c.createArrayOf("text", lexemes));
    return vectors.bindEntryVectors(c, ps, i, index.entries());
  }

  /** The tsvector text of these words: each distinct word once, with one position per use. */
  static String tsvector(List<String> words) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String word : words) {
      counts.merge(word, 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    long bytes = 0;
    for (Map.Entry<String, Integer> word : counts.entrySet()) {
      int length = word.getKey().getBytes(StandardCharsets.UTF_8).length;
      if (length > MAX_LEXEME_BYTES) {
        continue;
      }
      bytes += length;
      if (bytes > MAX_LEXEMES_BYTES) {
        break;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      // A word is letters and digits only: no quote or backslash can need escaping.
      out.append('\'').append(word.getKey()).append("':1");
      int positions = Math.min(word.getValue(), MAX_POSITIONS);
      for (int p = 2; p <= positions; p++) {
        out.append(',').append(p);
      }
    }
    return out.toString();
  }

  /**
   * The query's {@link Words#queryTerms terms} that keyword search can match, or an empty set; see
   * {@link #tsquery}.
   */
  static Set<String> queryWords(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : Words.queryTerms(text)) {
      if (word.getBytes(StandardCharsets.UTF_8).length <= MAX_LEXEME_BYTES) {
        words.add(word);
      }
    }
    return words;
  }

  /** A tsquery matching any of {@code words}, taken as lexemes as they are. */
  static String tsquery(Set<String> words) {
    StringJoiner query = new StringJoiner(" | ");
    for (String word : words) {
      query.add("'" + word + "'");
    }
    return query.toString();
  }

  /** PostgreSQL text cannot hold NUL; these are derived copies, so it becomes U+FFFD. */
  private static String withoutNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }
}
