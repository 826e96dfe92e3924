package dev.engram.server;

import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.ReindexProgress;
import dev.engram.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram's own endpoints for the store's search index: {@code GET /store/index} (the configuration
 * stored with the data), {@code PUT /store/index} (store a configuration and index what is already
 * stored), {@code POST /store/index/reindex} (re-embed what another model or other fields indexed).
 *
 * <p>Changing or rebuilding the index rewrites every tenant's index entries, so both need the
 * admin scope and a key without grants; reading the configuration (which holds no data) needs
 * read. Like the export, the two are not bounded by the request timeout: their work grows with
 * the data. Each answers with the last progress report of its reindex ({@code done} of {@code
 * total} items examined).
 */
final class IndexRoutes {
  static final String INDEX = "/store/index";
  static final String REINDEX = INDEX + "/reindex";
  private static final Set<String> CONFIG_FIELDS = Set.of("embedder", "fields", "dimensions");
  private static final Logger log = LoggerFactory.getLogger(IndexRoutes.class);

  private final Store store;
  private final Replies replies;
  private final long maxRequestBytes;

  IndexRoutes(Store store, Replies replies, long maxRequestBytes) {
    this.store = store;
    this.replies = replies;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(RoutesConfig routes) {
    routes.get(INDEX, this::show, Access.READ);
    routes.put(INDEX, this::configure, Access.ADMIN);
    routes.post(REINDEX, this::reindex, Access.ADMIN);
  }

  private void show(Context ctx) {
    IndexConfig config = store.indexConfig().orElseThrow(() -> new NotFoundException(
        store + " has no index configuration; create one with PUT " + INDEX));
    replies.json(ctx, json(config));
  }

  private void configure(Context ctx) {
    requireUnrestricted(ctx, "configuring the search index");
    IndexConfig wanted = config(Body.of(ctx, maxRequestBytes));
    LastProgress progress = new LastProgress();
    long started = System.nanoTime();
    IndexConfig stored = store.configureIndex(wanted, progress);
    log.info("index of {} configured as {}; {} items examined in {} ms", store, stored,
        progress.done, (System.nanoTime() - started) / 1_000_000);
    Map<String, Object> answer = json(stored);
    answer.put("progress", progress.json());
    replies.json(ctx, answer);
  }

  private void reindex(Context ctx) {
    requireUnrestricted(ctx, "reindexing");
    LastProgress progress = new LastProgress();
    long started = System.nanoTime();
    long reindexed = store.reindex(progress);
    log.info("reindexed {} of {} items of {} in {} ms", reindexed, progress.done, store,
        (System.nanoTime() - started) / 1_000_000);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reindexed", reindexed);
    answer.put("progress", progress.json());
    replies.json(ctx, answer);
  }

  /** A configuration as the API reads it: IndexConfig's defaults for what the body leaves out. */
  static IndexConfig config(Body body) {
    body.allowOnly(CONFIG_FIELDS);
    IndexConfig.Builder config = IndexConfig.builder();
    if (body.raw("embedder") != null) {
      config.embedder(body.string("embedder"));
    }
    if (body.raw("fields") != null) {
      List<?> fields = body.array("fields");
      if (!fields.stream().allMatch(String.class::isInstance)) {
        throw new InvalidInputException(
            "fields must be an array of field paths (strings), was " + fields);
      }
      @SuppressWarnings("unchecked")
      List<String> paths = (List<String>) fields;
      config.fields(paths);
    }
    config.dimensions(body.integer("dimensions", 0));
    return config.build();
  }

  static Map<String, Object> json(IndexConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("embedder", config.embedder());
    json.put("dimensions", config.dimensions());
    json.put("fields", config.fields());
    return json;
  }

  private static void requireUnrestricted(Context ctx, String what) {
    new IdGrants(RequestGuard.principal(ctx)).requireUnrestricted(what);
  }

  /** The last report of a reindex, answered with its result. */
  private static final class LastProgress implements ReindexProgress {
    private volatile long done;
    private volatile long total;

    @Override
    public void update(long done, long total) {
      this.done = done;
      this.total = total;
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("done", done);
      json.put("total", total);
      return json;
    }
  }
}
