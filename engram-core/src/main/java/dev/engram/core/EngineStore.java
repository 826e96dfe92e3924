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
import dev.engram.spi.BackendCall;
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
import java.util.function.UnaryOperator;
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
    return (Item) preparePut(new StoreOp.Put(namespace, key, value, options), now()).run(backend);
  }

  @Override
  public boolean delete(Namespace namespace, String key) {
    inputs.checkAddress(namespace, key);
    return backend.delete(namespace, key, null, now());
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<SearchItem> search(SearchRequest request) {
    return (List<SearchItem>) prepareSearch(request, now()).run(backend);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Namespace> listNamespaces(NamespaceQuery query) {
    return (List<Namespace>) prepareListing(query, now()).run(backend);
  }

  @Override
  public List<@Nullable Object> batch(List<? extends StoreOp> ops) {
    if (ops == null) {
      throw new InvalidInputException("batch ops must not be null");
    }
    // One instant for the whole batch, as for a transaction; and every op is validated before
    // any runs, so bad input never leaves half a batch behind.
    Instant now = now();
    List<PreparedOp> prepared = new ArrayList<>(ops.size());
    List<BackendCall> calls = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      PreparedOp op = prepare(ops.get(i), i, now);
      prepared.add(op);
      calls.add(op.call());
    }
    List<@Nullable Object> raw = backend.execute(calls);
    List<@Nullable Object> results = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      results.add(prepared.get(i).finish().apply(raw.get(i)));
    }
    return results;
  }

  /**
   * A validated operation: the backend call it makes, and how the backend's result becomes the
   * operation's result.
   */
  private record PreparedOp(BackendCall call, UnaryOperator<@Nullable Object> finish) {
    static PreparedOp direct(BackendCall call) {
      return new PreparedOp(call, UnaryOperator.identity());
    }

    @Nullable Object run(StoreBackend backend) {
      return finish.apply(call.applyTo(backend));
    }
  }

  private PreparedOp prepare(StoreOp op, int index, Instant now) {
    if (op == null) {
      throw new InvalidInputException("batch op " + index + " is null");
    }
    try {
      return switch (op) {
        case StoreOp.Get get -> {
          inputs.checkAddress(get.namespace(), get.key());
          boolean refresh =
              get.refreshTtl() == null ? settings.refreshOnRead() : get.refreshTtl();
          yield PreparedOp.direct(new BackendCall.Get(get.namespace(), get.key(), now, refresh));
        }
        case StoreOp.Put put -> preparePut(put, now);
        case StoreOp.Delete delete -> {
          inputs.checkAddress(delete.namespace(), delete.key());
          yield PreparedOp.direct(
              new BackendCall.Delete(delete.namespace(), delete.key(), null, now));
        }
        case StoreOp.Search search -> prepareSearch(search.request(), now);
        case StoreOp.ListNamespaces list -> prepareListing(list.query(), now);
      };
    } catch (InvalidInputException e) {
      throw new InvalidInputException("batch op " + index + ": " + e.getMessage(), e);
    }
  }

  private PreparedOp preparePut(StoreOp.Put put, Instant now) {
    inputs.checkWritableAddress(put.namespace(), put.key());
    Long ifVersion = put.options().ifVersion();
    if (put.value() == null) {
      // A put of null is a (conditional) delete whose result is null, as LangGraph's put.
      return new PreparedOp(
          new BackendCall.Delete(put.namespace(), put.key(), ifVersion, now), deleted -> null);
    }
    EncodedValue value = inputs.encode(put.value());
    PutCommand command =
        new PutCommand(put.namespace(), put.key(), value, now, inputs.ttl(put.options()), ifVersion);
    return PreparedOp.direct(new BackendCall.Put(command));
  }

  private PreparedOp prepareSearch(SearchRequest request, Instant now) {
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
    return new PreparedOp(
        new BackendCall.Search(command),
        items -> ((List<?>) items).stream().map(item -> new SearchItem((Item) item, null)).toList());
  }

  @SuppressWarnings("unchecked")
  private PreparedOp prepareListing(NamespaceQuery query, Instant now) {
    if (query == null) {
      throw new InvalidInputException("namespace query must not be null");
    }
    Namespace range = NamespaceListing.literalPrefix(query.prefix());
    return new PreparedOp(
        new BackendCall.Namespaces(range, now),
        found -> NamespaceListing.apply(query, (List<Namespace>) found));
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
