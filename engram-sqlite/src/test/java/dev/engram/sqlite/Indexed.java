package dev.engram.sqlite;

import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.Words;
import java.time.Instant;
import java.util.List;

/**
 * Indexed puts and queries through the SPI, with a tiny embedding of our own: each text's vector
 * counts the letters a, b, c, d of its words.
 */
final class Indexed {
  static final Namespace NS = Namespace.of("search");
  static final String MODEL = "test:letters";

  private Indexed() {}

  static float[] embed(String text) {
    float[] v = new float[4];
    for (String word : Words.of(text)) {
      for (char ch : word.toCharArray()) {
        if (ch >= 'a' && ch <= 'd') {
          v[ch - 'a']++;
        }
      }
    }
    return v;
  }

  static ItemIndex index(String text) {
    return new ItemIndex(MODEL, null, List.of(new IndexEntry("text", text, embed(text))));
  }

  static PutCommand put(Namespace ns, String key, String text, Instant now) {
    return new PutCommand(
        ns, key, Backends.json("{\"text\":\"" + text + "\"}"), now, null, null, index(text));
  }

  static QueryCommand keyword(Namespace prefix, String text, Instant now) {
    return query(prefix, text, SearchMode.KEYWORD, now);
  }

  static QueryCommand query(Namespace prefix, String text, SearchMode mode, Instant now) {
    return new QueryCommand(
        new SearchCommand(prefix, Filter.all(), 0, 100, now, false), text, embed(text), mode,
        MODEL);
  }

  static List<String> keys(List<SearchItem> found) {
    return found.stream().map(SearchItem::key).toList();
  }
}
