package dev.engram.core;

import dev.engram.EngramException;
import dev.engram.IndexConfig;
import dev.engram.ReindexProgress;
import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.spi.BackendCall;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.ItemIndex;
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
  private final Indexing indexing;
  private final @Nullable Sweeper sweeper;
  private final AtomicBoolean closed = new AtomicBoolean();

  EngineStore(StoreBackend backend, StoreSettings settings) {
    this.backend = backend;
    this.settings = settings;
    this.inputs = new Inputs(settings);
    this.indexing = new Indexing(backend, settings.embedder(), settings.embeddingCacheSize());
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
    return (Item) withIndexes(List.of(preparePut(new StoreOp.Put(namespace, key, value, options), now())))
        .get(0)
        .run(backend);
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
    List<PreparedOp> validated = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      validated.add(prepare(ops.get(i), i, now));
    }
    List<PreparedOp> prepared = withIndexes(validated);
    List<BackendCall> calls = prepared.stream().map(PreparedOp::call).toList();
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
  private record PreparedOp(
      BackendCall call, UnaryOperator<@Nullable Object> finish, @Nullable List<String> ownIndexFields) {
    PreparedOp(BackendCall call, UnaryOperator<@Nullable Object> finish) {
      this(call, finish, null);
    }

    static PreparedOp direct(BackendCall call) {
      return new PreparedOp(call, UnaryOperator.identity());
    }

    @Nullable Object run(StoreBackend backend) {
      return finish.apply(call.applyTo(backend));
    }
  }

  /**
   * The ops with the index entries of their puts, when the store indexes: all texts of all puts
   * are embedded in one call, after every op has been validated.
   */
  private List<PreparedOp> withIndexes(List<PreparedOp> ops) {
    if (indexing.active() == null) {
      return ops;
    }
    List<Integer> positions = new ArrayList<>();
    List<Map<String, Object>> values = new ArrayList<>();
    List<@Nullable List<String>> ownFields = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).call() instanceof BackendCall.Put put) {
        positions.add(i);
        values.add(put.command().value().canonical());
        ownFields.add(ops.get(i).ownIndexFields());
      }
    }
    if (positions.isEmpty()) {
      return ops;
    }
    List<@Nullable ItemIndex> indexes = indexing.indexesFor(values, ownFields);
    List<PreparedOp> indexed = new ArrayList<>(ops);
    for (int i = 0; i < positions.size(); i++) {
      PreparedOp op = ops.get(positions.get(i));
      PutCommand command = ((BackendCall.Put) op.call()).command();
      ItemIndex index = indexes.get(i);
      if (index != null) {
        indexed.set(
            positions.get(i),
            new PreparedOp(new BackendCall.Put(command.withIndex(index)), op.finish(), null));
      }
    }
    return indexed;
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
    List<String> ownIndexFields = put.options().index();
    Indexing.checkPaths(ownIndexFields);
    PutCommand command =
        new PutCommand(put.namespace(), put.key(), value, now, inputs.ttl(put.options()), ifVersion);
    return new PreparedOp(new BackendCall.Put(command), UnaryOperator.identity(), ownIndexFields);
  }

  private PreparedOp prepareSearch(SearchRequest request, Instant now) {
    if (request == null) {
      throw new InvalidInputException("search request must not be null");
    }
    Filter filter = Filter.parse(request.filter());
    boolean refresh =
        request.refreshTtl() == null ? settings.refreshOnRead() : request.refreshTtl();
    SearchCommand command =
        new SearchCommand(
            request.namespacePrefix(), filter, request.offset(), request.limit(), now, refresh);
    if (request.query() != null) {
      return PreparedOp.direct(new BackendCall.Query(indexing.queryCommand(request, command)));
    }
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
  public Optional<IndexConfig> indexConfig() {
    now(); // fails on a closed store
    return indexing.config();
  }

  @Override
  public IndexConfig configureIndex(IndexConfig config, ReindexProgress progress) {
    if (config == null || progress == null) {
      throw new InvalidInputException("config and progress must not be null");
    }
    now();
    IndexConfig stored = indexing.configure(config).config();
    indexing.reindex(progress, this::now);
    return stored;
  }

  @Override
  public long reindex(ReindexProgress progress) {
    if (progress == null) {
      throw new InvalidInputException("progress must not be null (use ReindexProgress.NONE)");
    }
    return indexing.reindex(progress, this::now);
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
