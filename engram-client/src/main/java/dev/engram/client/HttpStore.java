package dev.engram.client;

import dev.engram.EngramException;
import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Store} of an Engram server. Single operations use the LangGraph-compatible endpoints
 * (asking writes for their result with {@code Prefer: return=representation}); {@link #batch},
 * {@link #sweepExpired} and the index configuration use Engram's own. The server validates
 * everything; the client checks only what HTTP could not carry faithfully (a null, or a key that
 * has no UTF-8 form).
 *
 * <p>{@link #configureIndex} and {@link #reindex} wait as long as the server works, whatever the
 * request timeout (their work grows with the data), and report progress once, when it is done.
 */
final class HttpStore implements Store {
  private static final String ITEMS = "store/items";
  private static final String INDEX = "store/index";

  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpStore(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key) {
    return get(namespace, key, null);
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key, boolean refreshTtl) {
    return get(namespace, key, (Boolean) refreshTtl);
  }

  private Optional<Item> get(Namespace namespace, String key, @Nullable Boolean refreshTtl) {
    checkAddress(namespace, key);
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("namespace", namespace.toString());
    query.put("key", key);
    query.put("refresh_ttl", refreshTtl);
    return Optional.ofNullable(StoreWire.itemOrNull(transport().get(ITEMS, query)));
  }

  @Override
  public @Nullable Item put(Namespace namespace, String key, @Nullable Map<String, Object> value) {
    return put(namespace, key, value, PutOptions.defaults());
  }

  @Override
  public @Nullable Item put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options) {
    checkAddress(namespace, key);
    if (options == null) {
      throw new InvalidInputException("put options must not be null (use PutOptions.defaults())");
    }
    Map<String, Object> body = StoreWire.put(namespace, key, value, options);
    return StoreWire.itemOrNull(transport().send("PUT", ITEMS, body, true));
  }

  @Override
  public boolean delete(Namespace namespace, String key) {
    checkAddress(namespace, key);
    Map<String, Object> body = StoreWire.address(namespace, key);
    Object result = transport().send("DELETE", ITEMS, body, true);
    return Boolean.TRUE.equals(StoreWire.object(result, "delete result").get("deleted"));
  }

  @Override
  public List<SearchItem> search(SearchRequest request) {
    if (request == null) {
      throw new InvalidInputException("search request must not be null");
    }
    Object json = transport().send("POST", ITEMS + "/search", StoreWire.search(request), false);
    return StoreWire.searchItems(json);
  }

  @Override
  public List<Namespace> listNamespaces(NamespaceQuery query) {
    if (query == null) {
      throw new InvalidInputException("namespace query must not be null");
    }
    Object json = transport().send("POST", "store/namespaces", StoreWire.namespaces(query), false);
    return StoreWire.namespaceList(json);
  }

  @Override
  public List<@Nullable Object> batch(List<? extends StoreOp> ops) {
    if (ops == null) {
      throw new InvalidInputException("batch ops must not be null");
    }
    List<Map<String, Object>> wire = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      StoreOp op = ops.get(i);
      if (op == null) {
        throw new InvalidInputException("batch op " + i + " is null");
      }
      if (op instanceof StoreOp.Get) {
        checkAddress(((StoreOp.Get) op).namespace(), ((StoreOp.Get) op).key(), i);
      } else if (op instanceof StoreOp.Put) {
        checkAddress(((StoreOp.Put) op).namespace(), ((StoreOp.Put) op).key(), i);
      } else if (op instanceof StoreOp.Delete) {
        checkAddress(((StoreOp.Delete) op).namespace(), ((StoreOp.Delete) op).key(), i);
      }
      wire.add(StoreWire.op(op));
    }
    Object json = transport().send("POST", "store/batch", Map.of("ops", wire), false);
    List<?> results = StoreWire.list(StoreWire.object(json, "batch result").get("results"), "results");
    if (results.size() != ops.size()) {
      throw new EngramException(
          "the server answered " + results.size() + " results for " + ops.size() + " batch ops");
    }
    List<@Nullable Object> decoded = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      decoded.add(StoreWire.result(ops.get(i), results.get(i)));
    }
    return decoded;
  }

  @Override
  public long sweepExpired() {
    Object json = transport().send("POST", "store/sweep", Map.of(), false);
    return ((Number) StoreWire.object(json, "sweep result").get("removed")).longValue();
  }

  @Override
  public Optional<IndexConfig> indexConfig() {
    Object json = transport().getIfPresent(INDEX, Map.of());
    return json == Transport.ABSENT ? Optional.empty() : Optional.of(StoreWire.indexConfig(json));
  }

  @Override
  public IndexConfig configureIndex(IndexConfig config, ReindexProgress progress) {
    if (config == null || progress == null) {
      throw new InvalidInputException("config and progress must not be null");
    }
    Object json = transport().sendUnbounded("PUT", INDEX, StoreWire.indexConfig(config));
    StoreWire.reportProgress(json, progress);
    return StoreWire.indexConfig(json);
  }

  @Override
  public long reindex(ReindexProgress progress) {
    if (progress == null) {
      throw new InvalidInputException("progress must not be null (use ReindexProgress.NONE)");
    }
    Object json = transport().sendUnbounded("POST", INDEX + "/reindex", Map.of());
    StoreWire.reportProgress(json, progress);
    return ((Number) StoreWire.object(json, "reindex result").get("reindexed")).longValue();
  }

  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "Store[" + transport.base() + "]";
  }

  private Transport transport() {
    if (closed.get()) {
      throw new EngramException("store " + transport.base() + " is closed");
    }
    return transport;
  }

  private static void checkAddress(Namespace namespace, String key, int op) {
    try {
      checkAddress(namespace, key);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("batch op " + op + ": " + e.getMessage(), e);
    }
  }

  /** What a URL or JSON text cannot carry: nulls, and keys without a UTF-8 form. */
  private static void checkAddress(Namespace namespace, String key) {
    if (namespace == null) {
      throw new InvalidInputException("namespace must not be null");
    }
    if (key == null) {
      throw new InvalidInputException("key must not be null");
    }
    Text.requireWellFormed(key, "key");
  }
}
