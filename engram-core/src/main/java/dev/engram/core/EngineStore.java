package dev.engram.core;

import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.UnsupportedFeatureException;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.PutCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Store} every backend shares: validates input, resolves defaults and TTLs, reads the
 * clock, and leaves storing and fetching to a {@link StoreBackend}.
 */
final class EngineStore implements Store {
  private final StoreBackend backend;
  private final StoreSettings settings;
  private final Inputs inputs;
  private final @Nullable Sweeper sweeper;
  private final AtomicBoolean closed = new AtomicBoolean();

  EngineStore(StoreBackend backend, StoreSettings settings) {
    this.backend = backend;
    this.settings = settings;
    this.inputs = new Inputs(settings);
    this.sweeper =
        settings.sweepInterval() == null
            ? null
            : new Sweeper(backend.name(), settings.sweepInterval(), this::sweepExpired);
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key) {
    return get(namespace, key, settings.refreshOnRead());
  }

  @Override
  public Optional<Item> get(Namespace namespace, String key, boolean refreshTtl) {
    inputs.checkAddress(namespace, key);
    return Optional.ofNullable(backend.get(namespace, key, now(), refreshTtl));
  }

  @Override
  public @Nullable Item put(Namespace namespace, String key, @Nullable Map<String, Object> value) {
    return put(namespace, key, value, PutOptions.defaults());
  }

  @Override
  public @Nullable Item put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options) {
    return preparePut(new StoreOp.Put(namespace, key, value, options), now()).get();
  }

  @Override
  public boolean delete(Namespace namespace, String key) {
    inputs.checkAddress(namespace, key);
    return backend.delete(namespace, key, null, now());
  }

  @Override
  public List<SearchItem> search(SearchRequest request) {
    return prepareSearch(request, now()).get();
  }

  @Override
  public List<Namespace> listNamespaces(NamespaceQuery query) {
    return prepareListing(query, now()).get();
  }

  @Override
  public List<@Nullable Object> batch(List<? extends StoreOp> ops) {
    if (ops == null) {
      throw new InvalidInputException("batch ops must not be null");
    }
    // One instant for the whole batch, as for a transaction; and every op is validated before
    // any runs, so bad input never leaves half a batch behind.
    Instant now = now();
    List<Supplier<?>> prepared = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      prepared.add(prepare(ops.get(i), i, now));
    }
    return backend.inTransaction(
        () -> {
          List<@Nullable Object> results = new ArrayList<>(prepared.size());
          for (Supplier<?> op : prepared) {
            results.add(op.get());
          }
          return results;
        });
  }

  private Supplier<?> prepare(StoreOp op, int index, Instant now) {
    if (op == null) {
      throw new InvalidInputException("batch op " + index + " is null");
    }
    try {
      return switch (op) {
        case StoreOp.Get get -> {
          inputs.checkAddress(get.namespace(), get.key());
          boolean refresh =
              get.refreshTtl() == null ? settings.refreshOnRead() : get.refreshTtl();
          yield () -> backend.get(get.namespace(), get.key(), now, refresh);
        }
        case StoreOp.Put put -> preparePut(put, now);
        case StoreOp.Delete delete -> {
          inputs.checkAddress(delete.namespace(), delete.key());
          yield () -> backend.delete(delete.namespace(), delete.key(), null, now);
        }
        case StoreOp.Search search -> prepareSearch(search.request(), now);
        case StoreOp.ListNamespaces list -> prepareListing(list.query(), now);
      };
    } catch (InvalidInputException e) {
      throw new InvalidInputException("batch op " + index + ": " + e.getMessage(), e);
    }
  }

  private Supplier<@Nullable Item> preparePut(StoreOp.Put put, Instant now) {
    inputs.checkWritableAddress(put.namespace(), put.key());
    Long ifVersion = put.options().ifVersion();
    if (put.value() == null) {
      return () -> {
        backend.delete(put.namespace(), put.key(), ifVersion, now);
        return null;
      };
    }
    EncodedValue value = inputs.encode(put.value());
    PutCommand command =
        new PutCommand(put.namespace(), put.key(), value, now, inputs.ttl(put.options()), ifVersion);
    return () -> backend.put(command);
  }

  private Supplier<List<SearchItem>> prepareSearch(SearchRequest request, Instant now) {
    if (request == null) {
      throw new InvalidInputException("search request must not be null");
    }
    if (request.query() != null) {
      throw new UnsupportedFeatureException(
          "search by query is not enabled on "
              + backend.name()
              + ": semantic search needs an embedder and an index configuration for the store,"
              + " which come with Engram's search module; until then search by namespace prefix"
              + " and filter only");
    }
    Filter filter = Filter.parse(request.filter());
    boolean refresh =
        request.refreshTtl() == null ? settings.refreshOnRead() : request.refreshTtl();
    SearchCommand command =
        new SearchCommand(
            request.namespacePrefix(), filter, request.offset(), request.limit(), now, refresh);
    return () -> backend.search(command).stream().map(item -> new SearchItem(item, null)).toList();
  }

  private Supplier<List<Namespace>> prepareListing(NamespaceQuery query, Instant now) {
    if (query == null) {
      throw new InvalidInputException("namespace query must not be null");
    }
    Namespace range = NamespaceListing.literalPrefix(query.prefix());
    return () -> NamespaceListing.apply(query, backend.namespaces(range, now));
  }

  @Override
  public long sweepExpired() {
    long removed = 0;
    int round;
    do {
      round = backend.deleteExpired(now(), settings.sweepBatchSize());
      removed += round;
    } while (round >= settings.sweepBatchSize());
    return removed;
  }

  /** The current time at the stores' precision; also where every operation checks for close. */
  private Instant now() {
    if (closed.get()) {
      throw new EngramException("store " + backend.name() + " is closed");
    }
    return settings.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (sweeper != null) {
        sweeper.close();
      }
    } finally {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "Store[" + backend.name() + "]";
  }

}
