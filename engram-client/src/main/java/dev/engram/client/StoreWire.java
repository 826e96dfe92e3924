package dev.engram.client;

import dev.engram.EngramException;
import dev.engram.IndexConfig;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.StoreOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Store's JSON on the wire, both ways: request bodies in the server's field names (LangGraph's
 * snake_case, plus Engram's {@code if_version} and {@code mode}) and items, scores and the index
 * configuration back into engram-api values.
 */
final class StoreWire {
  private StoreWire() {}

  static Map<String, Object> put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options) {
    Map<String, Object> body = address(namespace, key);
    body.put("value", value);
    switch (options.expiry()) {
      case TTL:
        // An ISO-8601 duration is exact to the microsecond; LangGraph's minutes would round.
        body.put("ttl", options.ttl().toString());
        break;
      case NEVER:
        body.put("ttl", null);
        break;
      default:
        break; // no ttl field: the store's default
    }
    if (options.ifVersion() != null) {
      body.put("if_version", options.ifVersion());
    }
    if (options.index() != null) {
      // LangGraph's form: false keeps the item out of searches by query.
      body.put("index", options.index().isEmpty() ? Boolean.FALSE : options.index());
    }
    return body;
  }

  static Map<String, Object> address(Namespace namespace, String key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("namespace", namespace.labels());
    body.put("key", key);
    return body;
  }

  static Map<String, Object> search(SearchRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("namespace_prefix", request.namespacePrefix().labels());
    body.put("filter", request.filter());
    body.put("limit", request.limit());
    body.put("offset", request.offset());
    if (request.query() != null) {
      body.put("query", request.query());
      body.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
    }
    if (request.refreshTtl() != null) {
      body.put("refresh_ttl", request.refreshTtl());
    }
    return body;
  }

  static Map<String, Object> namespaces(NamespaceQuery query) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prefix", query.prefix().labels());
    body.put("suffix", query.suffix().labels());
    if (query.maxDepth() != null) {
      body.put("max_depth", query.maxDepth());
    }
    body.put("limit", query.limit());
    body.put("offset", query.offset());
    return body;
  }

  /** One operation of a batch: the body of its own endpoint plus {@code "op"}. */
  static Map<String, Object> op(StoreOp op) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (op instanceof StoreOp.Get) {
      StoreOp.Get get = (StoreOp.Get) op;
      body.put("op", "get");
      body.putAll(address(get.namespace(), get.key()));
      if (get.refreshTtl() != null) {
        body.put("refresh_ttl", get.refreshTtl());
      }
    } else if (op instanceof StoreOp.Put) {
      StoreOp.Put put = (StoreOp.Put) op;
      body.put("op", "put");
      body.putAll(put(put.namespace(), put.key(), put.value(), put.options()));
    } else if (op instanceof StoreOp.Delete) {
      StoreOp.Delete delete = (StoreOp.Delete) op;
      body.put("op", "delete");
      body.putAll(address(delete.namespace(), delete.key()));
    } else if (op instanceof StoreOp.Search) {
      body.put("op", "search");
      body.putAll(search(((StoreOp.Search) op).request()));
    } else {
      body.put("op", "list_namespaces");
      body.putAll(namespaces(((StoreOp.ListNamespaces) op).query()));
    }
    return body;
  }

  /** The result of one batch operation, as {@link dev.engram.Store#batch} documents it. */
  static @Nullable Object result(StoreOp op, @Nullable Object json) {
    if (op instanceof StoreOp.Get || op instanceof StoreOp.Put) {
      return json == null ? null : item(json);
    } else if (op instanceof StoreOp.Delete) {
      return json;
    } else if (op instanceof StoreOp.Search) {
      return searchItems(json);
    }
    return namespaceList(json);
  }

  static @Nullable Item itemOrNull(@Nullable Object json) {
    return json == null ? null : item(json);
  }

  @SuppressWarnings("unchecked")
  static Item item(Object json) {
    Map<String, Object> map = object(json, "item");
    Object expiresAt = map.get("expires_at");
    return new Item(
        namespace(map.get("namespace")),
        (String) map.get("key"),
        (Map<String, Object>) map.get("value"),
        Instant.parse((String) map.get("created_at")),
        Instant.parse((String) map.get("updated_at")),
        expiresAt == null ? null : Instant.parse((String) expiresAt),
        ((Number) map.get("version")).longValue());
  }

  static List<SearchItem> searchItems(@Nullable Object json) {
    List<SearchItem> items = new ArrayList<>();
    for (Object element : list(object(json, "search result").get("items"), "items")) {
      Object score = object(element, "item").get("score");
      items.add(new SearchItem(item(element), score == null ? null : ((Number) score).doubleValue()));
    }
    return items;
  }

  /** A configuration as {@code PUT /store/index} takes it (dimensions 0, the embedder's, left out). */
  static Map<String, Object> indexConfig(IndexConfig config) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("embedder", config.embedder());
    body.put("fields", config.fields());
    if (config.dimensions() != 0) {
      body.put("dimensions", config.dimensions());
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  static IndexConfig indexConfig(@Nullable Object json) {
    Map<String, Object> map = object(json, "index configuration");
    return IndexConfig.builder()
        .embedder((String) map.get("embedder"))
        .dimensions(((Number) map.get("dimensions")).intValue())
        .fields((List<String>) list(map.get("fields"), "fields"))
        .build();
  }

  /** Passes on the last progress report of a reindex, which the server answers with its result. */
  static void reportProgress(@Nullable Object json, ReindexProgress progress) {
    Map<String, Object> report = object(object(json, "reindex result").get("progress"), "progress");
    progress.update(
        ((Number) report.get("done")).longValue(), ((Number) report.get("total")).longValue());
  }

  static List<Namespace> namespaceList(@Nullable Object json) {
    List<Namespace> namespaces = new ArrayList<>();
    for (Object labels : list(object(json, "namespace listing").get("namespaces"), "namespaces")) {
      namespaces.add(namespace(labels));
    }
    return namespaces;
  }

  @SuppressWarnings("unchecked")
  private static Namespace namespace(@Nullable Object labels) {
    return Namespace.of((List<String>) list(labels, "namespace"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(@Nullable Object json, String what) {
    if (json instanceof Map) {
      return (Map<String, Object>) json;
    }
    throw new EngramException("the server answered " + json + " where " + what + " was expected");
  }

  static List<?> list(@Nullable Object json, String what) {
    if (json instanceof List) {
      return (List<?>) json;
    }
    throw new EngramException("the server answered " + json + " where " + what + " was expected");
  }
}
