package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.StoreOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Store's JSON on the wire: request bodies into engram-api values, items into response
 * objects. Field names are LangGraph's; Engram's additions are {@code if_version} on a put, {@code
 * version} and {@code expires_at} on an item, a {@code ttl} that may also be an exact ISO-8601
 * duration ({@code "PT1.5S"}) besides LangGraph's number of minutes, and a search's {@code mode}.
 * The bodies of the single endpoints and of batch operations are the same, so they are parsed by
 * the same methods.
 */
final class StoreJson {
  private static final Set<String> PUT_FIELDS = Set.of("namespace", "key", "value", "index", "ttl",
      "if_version");
  static final Set<String> ADDRESS_FIELDS = Set.of("namespace", "key");
  private static final Set<String> SEARCH_FIELDS = Set.of("namespace_prefix", "filter", "limit", "offset",
      "query", "mode", "refresh_ttl");
  private static final Set<String> NAMESPACES_FIELDS = Set.of("prefix", "suffix", "max_depth", "limit",
      "offset");

  private StoreJson() {}

  /** A put; a null {@code value} deletes, as {@link dev.engram.Store#put} does. */
  static StoreOp.Put put(Body body) {
    body.allowOnly(PUT_FIELDS);
    Namespace namespace = body.namespace("namespace", null);
    String key = body.string("key");
    if (!body.has("value")) {
      throw new InvalidInputException("a put needs \"value\": a JSON object (or null to delete)");
    }
    Map<String, Object> value = body.optionalObject("value");
    PutOptions.Builder options = PutOptions.builder();
    index(body.raw("index"), options);
    if (body.has("ttl")) {
      Object ttl = body.raw("ttl");
      if (ttl == null) {
        options.noExpiry();
      } else {
        options.ttl(WireTtl.parse(ttl, "ttl"));
      }
    }
    Long ifVersion = body.optionalLong("if_version");
    if (ifVersion != null) {
      options.ifVersion(ifVersion);
    }
    return new StoreOp.Put(namespace, key, value, options.build());
  }

  /**
   * LangGraph's per-item {@code index}: {@code false} keeps the item out of searches by query, an
   * array of field paths indexes those instead of the store's fields, null or absent follows the
   * store's index configuration.
   */
  private static void index(@Nullable Object index, PutOptions.Builder options) {
    if (index == null) {
      return;
    }
    if (Boolean.FALSE.equals(index)) {
      options.noIndex();
    } else if (index instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      @SuppressWarnings("unchecked")
      List<String> paths = (List<String>) list;
      options.index(paths);
    } else {
      throw new InvalidInputException("index must be false, null or an array of field paths");
    }
  }

  static SearchRequest search(Body body) {
    body.allowOnly(SEARCH_FIELDS);
    String query = body.optionalString("query");
    return SearchRequest.builder()
        .namespacePrefix(body.namespace("namespace_prefix", Namespace.root()))
        .filter(body.optionalObject("filter"))
        .limit(body.integer("limit", SearchRequest.DEFAULT_LIMIT))
        .offset(body.integer("offset", 0))
        .query(query)
        .mode(mode(body.optionalString("mode"), query))
        .refreshTtl(body.optionalBoolean("refresh_ttl"))
        .build();
  }

  /** A search mode as the wire writes it: {@code "vector"}, {@code "keyword"}, {@code "hybrid"}. */
  private static @Nullable SearchMode mode(@Nullable String mode, @Nullable String query) {
    if (mode == null) {
      return null;
    }
    for (SearchMode known : SearchMode.values()) {
      if (known.name().toLowerCase(Locale.ROOT).equals(mode)) {
        if (query == null) {
          throw new InvalidInputException("mode \"" + mode + "\" needs a query");
        }
        return known;
      }
    }
    throw new InvalidInputException(
        "mode must be \"vector\", \"keyword\" or \"hybrid\", was \"" + mode + "\"");
  }

  static NamespaceQuery namespaces(Body body) {
    body.allowOnly(NAMESPACES_FIELDS);
    return NamespaceQuery.builder()
        .prefix(body.namespace("prefix", Namespace.root()))
        .suffix(body.namespace("suffix", Namespace.root()))
        .maxDepth(body.optionalInteger("max_depth"))
        .limit(body.integer("limit", NamespaceQuery.DEFAULT_LIMIT))
        .offset(body.integer("offset", 0))
        .build();
  }

  /** One operation of a batch: the body of its own endpoint plus {@code "op"}. */
  static StoreOp op(@Nullable Object json, int index) {
    Body body = Body.of(json, "batch op " + index);
    String kind = body.string("op");
    Body fields = body.without("op");
    try {
      return switch (kind) {
        case "get" -> {
          fields.allowOnly(Set.of("namespace", "key", "refresh_ttl"));
          yield new StoreOp.Get(fields.namespace("namespace", null), fields.string("key"),
              fields.optionalBoolean("refresh_ttl"));
        }
        case "put" -> put(fields);
        case "delete" -> {
          fields.allowOnly(ADDRESS_FIELDS);
          yield new StoreOp.Delete(fields.namespace("namespace", null), fields.string("key"));
        }
        case "search" -> new StoreOp.Search(search(fields));
        case "list_namespaces" -> new StoreOp.ListNamespaces(namespaces(fields));
        default -> throw new InvalidInputException("op must be get, put, delete, search or"
            + " list_namespaces, was \"" + kind + "\"");
      };
    } catch (InvalidInputException e) {
      throw new InvalidInputException("batch op " + index + ": " + e.getMessage(), e);
    }
  }

  /** An item as the API returns it: LangGraph's fields, then Engram's. */
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

  static @Nullable Map<String, Object> itemOrNull(@Nullable Item item) {
    return item == null ? null : item(item);
  }

  static Map<String, Object> searchItem(SearchItem found) {
    Map<String, Object> json = item(found.item());
    json.put("score", found.score());
    return json;
  }

  static Map<String, Object> searchResult(List<SearchItem> items) {
    return Map.of("items", items.stream().map(StoreJson::searchItem).toList());
  }

  static Map<String, Object> namespaceList(List<Namespace> namespaces) {
    return Map.of("namespaces", namespaces.stream().map(Namespace::labels).toList());
  }

  /** The result of one batch operation, as its own endpoint would answer it. */
  @SuppressWarnings("unchecked")
  static @Nullable Object result(StoreOp op, @Nullable Object result) {
    return switch (op) {
      case StoreOp.Get get -> itemOrNull((Item) result);
      case StoreOp.Put put -> itemOrNull((Item) result);
      case StoreOp.Delete delete -> result;
      case StoreOp.Search search -> searchResult((List<SearchItem>) result);
      case StoreOp.ListNamespaces list -> namespaceList((List<Namespace>) result);
    };
  }
}
