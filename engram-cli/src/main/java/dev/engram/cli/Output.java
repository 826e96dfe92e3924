package dev.engram.cli;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.spi.JsonCodec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** How results print: one compact JSON value per line. */
final class Output {
  private Output() {}

  /** An item as a JSON object with snake_case fields and ISO-8601 UTC timestamps. */
  static Map<String, Object> item(Item item) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("namespace", item.namespace().labels());
    json.put("key", item.key());
    json.put("value", item.value());
    json.put("created_at", item.createdAt().toString());
    json.put("updated_at", item.updatedAt().toString());
    json.put("expires_at", item.expiresAt() == null ? null : item.expiresAt().toString());
    json.put("version", item.version());
    return json;
  }

  /** A search result: the item, plus {@code score} when the search had a query. */
  static Map<String, Object> searchItem(SearchItem found) {
    Map<String, Object> json = item(found.item());
    if (found.score() != null) {
      json.put("score", found.score());
    }
    return json;
  }

  /** A namespace as a JSON array of its labels. */
  static Object namespace(Namespace namespace) {
    return namespace.labels();
  }

  static void line(PrintStream out, Object json) {
    out.print(JsonCodec.toJson(json));
    out.print('\n');
  }
}
