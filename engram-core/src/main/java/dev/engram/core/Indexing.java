package dev.engram.core;

import dev.engram.Embedder;
import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import dev.engram.ReindexProgress;
import dev.engram.ReindexRequiredException;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.UnsupportedFeatureException;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's search indexing: its stored {@link IndexConfig}, the embedder this process uses, the
 * index entries of each put, and the embedding of queries. Without a stored configuration it does
 * nothing and costs nothing.
 *
 * <p>The process's embedder is the one given to the store's builder, else the one the stored
 * configuration names, created on first use (loading a model is slow, and most commands never
 * need it). When the two disagree, writes index with the process's model and queries fail with
 * {@link ReindexRequiredException} until a {@link Reindexer reindex} has brought every item over.
 */
final class Indexing {
  private static final Logger log = LoggerFactory.getLogger(Indexing.class);

  private final StoreBackend backend;
  private final @Nullable Embedder givenEmbedder;
  private final int cacheSize;
  private volatile @Nullable Active active;

  /** The configuration in force and the means to apply it. */
  record Active(IndexSetting setting, List<IndexPath> paths, Lazy<Embedder> embedder) {
    IndexConfig config() {
      return setting.config();
    }
  }

  Indexing(StoreBackend backend, @Nullable Embedder givenEmbedder, int cacheSize) {
    this.backend = backend;
    this.givenEmbedder = givenEmbedder;
    this.cacheSize = cacheSize;
    String stored;
    try {
      stored = backend.readSetting(IndexSetting.NAME);
    } catch (UnsupportedFeatureException e) {
      stored = null; // a backend without settings has no search by query
    }
    this.active = stored == null ? null : activate(IndexSetting.parse(stored, backend.name()));
  }

  Optional<IndexConfig> config() {
    Active current = active;
    return current == null ? Optional.empty() : Optional.of(current.config());
  }

  @Nullable Active active() {
    return active;
  }

  /**
   * The index entries of each value, in order: embedded together, in one call of the embedder.
   * Null for every value when the store has no index configuration.
   */
  List<@Nullable ItemIndex> indexesFor(List<Map<String, Object>> values, List<@Nullable List<String>> ownFields) {
    Active current = active;
    List<@Nullable ItemIndex> indexes = new ArrayList<>(values.size());
    if (current == null) {
      values.forEach(v -> indexes.add(null));
      return indexes;
    }
    return indexesFor(current, values, ownFields);
  }

  static List<@Nullable ItemIndex> indexesFor(
      Active current, List<Map<String, Object>> values, List<@Nullable List<String>> ownFields) {
    List<List<String[]>> found = new ArrayList<>(values.size()); // per value: {path, text}
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      List<String> own = ownFields.get(i);
      List<IndexPath> paths = own == null ? current.paths() : IndexPath.parseAll(own);
      List<String[]> pairs = new ArrayList<>();
      for (IndexPath path : paths) {
        for (String text : path.texts(values.get(i))) {
          if (!text.isBlank()) {
            pairs.add(new String[] {path.toString(), text});
            texts.add(text);
          }
        }
      }
      found.add(pairs);
    }
    Embedder embedder = current.embedder().get();
    List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embed(texts);
    List<@Nullable ItemIndex> indexes = new ArrayList<>(values.size());
    int next = 0;
    for (int i = 0; i < values.size(); i++) {
      List<IndexEntry> entries = new ArrayList<>();
      for (String[] pair : found.get(i)) {
        entries.add(new IndexEntry(pair[0], pair[1], vectors.get(next++)));
      }
      indexes.add(new ItemIndex(embedder.id(), ownFields.get(i), List.copyOf(entries)));
    }
    return indexes;
  }

  /** Checks the paths of a put's own field list before anything is written. */
  static void checkPaths(@Nullable List<String> fields) {
    if (fields != null) {
      IndexPath.parseAll(fields);
    }
  }

  /** The backend command for a search with a query. */
  QueryCommand queryCommand(SearchRequest request, SearchCommand scope) {
    Active current = active;
    if (current == null) {
      throw new UnsupportedFeatureException(
          "search by query needs an index configuration, and " + backend.name() + " has none:"
              + " configure one with `engram index set` or Store.configureIndex, which also"
              + " indexes what is already stored");
    }
    Embedder embedder = current.embedder().get();
    IndexConfig config = current.config();
    if (!embedder.id().equals(config.embedder())) {
      throw new ReindexRequiredException(
          "the search index of " + backend.name() + " was built with " + config.embedder()
              + " but this process embeds with " + embedder.id() + ": run `engram reindex`"
              + " (Store.reindex) to re-embed the stored items with " + embedder.id()
              + ", or open the store with " + config.embedder());
    }
    SearchMode mode = request.mode();
    float[] vector =
        mode == SearchMode.KEYWORD ? null : embedder.embed(List.of(request.query())).get(0);
    return new QueryCommand(scope, request.query(), vector, mode, embedder.id());
  }

  /**
   * Stores {@code config} with its embedder resolved and makes it the one in force. A change of
   * fields marks the setting pending until a reindex has redone every item that follows it.
   */
  Active configure(IndexConfig config) {
    IndexPath.parseAll(config.fields());
    Embedder embedder = embedderNamed(config.embedder());
    if (config.dimensions() != 0 && config.dimensions() != embedder.dimensions()) {
      throw new InvalidInputException(
          "dimensions " + config.dimensions() + " do not match embedder " + embedder.id()
              + ", which makes vectors of " + embedder.dimensions());
    }
    IndexConfig resolved = config.resolvedTo(embedder.id(), embedder.dimensions());
    Active previous = active;
    boolean fieldsChanged =
        previous != null && !previous.config().fields().equals(resolved.fields());
    IndexSetting setting =
        new IndexSetting(resolved, fieldsChanged || (previous != null && previous.setting().pending()));
    backend.writeSetting(IndexSetting.NAME, setting.toJson());
    Active next = new Active(setting, IndexPath.parseAll(resolved.fields()), Lazy.of(cached(embedder)));
    active = next;
    return next;
  }

  /** Records that every item now follows {@code finished}: its model, fields, nothing pending. */
  void finishReindex(Active finished) {
    Embedder embedder = finished.embedder().get();
    IndexSetting done =
        new IndexSetting(
            finished.config().resolvedTo(embedder.id(), embedder.dimensions()), false);
    backend.writeSetting(IndexSetting.NAME, done.toJson());
    active = new Active(done, finished.paths(), finished.embedder());
  }

  long reindex(ReindexProgress progress, java.util.function.Supplier<java.time.Instant> clock) {
    Active current = active;
    if (current == null) {
      throw new UnsupportedFeatureException(
          backend.name() + " has no index configuration to reindex by: configure one with"
              + " `engram index set` or Store.configureIndex");
    }
    long reindexed = new Reindexer(backend, current, clock).run(progress);
    finishReindex(current);
    return reindexed;
  }

  private Active activate(IndexSetting setting) {
    IndexConfig config = setting.config();
    Lazy<Embedder> embedder =
        Lazy.of(() -> {
          Embedder chosen = givenEmbedder != null ? givenEmbedder : Embedders.create(config.embedder());
          if (!chosen.id().equals(config.embedder())) {
            log.warn(
                "{} - the search index was built with {} but this process embeds with {}:"
                    + " searches by query fail until `engram reindex` has re-embedded the items",
                backend.name(), config.embedder(), chosen.id());
          }
          return cached(chosen);
        });
    return new Active(setting, IndexPath.parseAll(config.fields()), embedder);
  }

  private Embedder embedderNamed(String name) {
    if (givenEmbedder != null && givenEmbedder.id().equals(name)) {
      return givenEmbedder;
    }
    Active current = active;
    if (current != null && current.config().embedder().equals(name)) {
      Embedder inForce = current.embedder().get();
      if (inForce.id().equals(name)) {
        return inForce;
      }
    }
    return Embedders.create(name);
  }

  private Embedder cached(Embedder embedder) {
    return embedder instanceof CachingEmbedder ? embedder : new CachingEmbedder(embedder, cacheSize);
  }
}
