package dev.engram.server;

import dev.engram.IndexConfig;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The served store, counting each operation by kind and outcome in {@link ServerMetrics}. */
final class MeteredStore implements Store {
  private final Store store;
  private final ServerMetrics metrics;

  MeteredStore(Store store, ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key) {
    return count("get", () -> store.get(namespace, key));
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key, boolean refreshTtl) {
    return count("get", () -> store.get(namespace, key, refreshTtl));
  }

  @Override
  public @Nullable Item put(Namespace namespace, String key, @Nullable Map<String, Object> value) {
    return count("put", () -> store.put(namespace, key, value));
  }

  @Override
  public @Nullable Item put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options) {
    return count("put", () -> store.put(namespace, key, value, options));
  }

  @Override
  public boolean delete(Namespace namespace, String key) {
    return count("delete", () -> store.delete(namespace, key));
  }

  @Override
  public List<SearchItem> search(SearchRequest request) {
    return count("search", () -> store.search(request));
  }

  @Override
  public List<Namespace> listNamespaces(NamespaceQuery query) {
    return count("list_namespaces", () -> store.listNamespaces(query));
  }

  @Override
  public List<@Nullable Object> batch(List<? extends StoreOp> ops) {
    return count("batch", () -> store.batch(ops));
  }

  @Override
  public long sweepExpired() {
    return count("sweep", store::sweepExpired);
  }

  @Override
  public Optional<IndexConfig> indexConfig() {
    return count("index_config", store::indexConfig);
  }

  @Override
  public IndexConfig configureIndex(IndexConfig config, ReindexProgress progress) {
    return count("configure_index", () -> store.configureIndex(config, progress));
  }

  @Override
  public long reindex(ReindexProgress progress) {
    return count("reindex", () -> store.reindex(progress));
  }

  @Override
  public void close() {
    store.close();
  }

  private <T> T count(String operation, Supplier<T> call) {
    try {
      T result = call.get();
      metrics.storeOperation(operation, "ok");
      return result;
    } catch (RuntimeException e) {
      metrics.storeOperation(operation, e.getClass().getSimpleName());
      throw e;
    }
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
