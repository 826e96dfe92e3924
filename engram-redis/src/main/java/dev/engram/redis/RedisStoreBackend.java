package dev.engram.redis;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.spi.BackendCall;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on Redis, standalone or Cluster (see {@link Keys} for the layout). A put, a delete and
 * a refreshing read are each one Lua script on the item's namespace slot, so the item and its
 * indexes change together and concurrent writers cannot corrupt them; a plain read is one {@code
 * HMGET}. Visibility is always decided against the engine's {@code now} and the stored
 * expires_at; Redis's native expiry only frees memory. Batches are pipelined but not atomic.
 *
 * <p>Search by query is exact: each item's index entries live in its own hash ({@link
 * IndexFields}), written by the put's script, and {@link RedisQuery} ranks the candidates of a
 * query in this process. Reindexing reads through {@link RedisIndexScan}.
 */
final class RedisStoreBackend implements StoreBackend {
  private static final Logger log = LoggerFactory.getLogger(RedisStoreBackend.class);
  /** Registration rounds a put may need; more than one means a removal of its namespace raced. */
  private static final int MAX_REGISTRATIONS = 8;

  private final String name;
  private final RedisLink link;
  private final ItemCommands items;
  private final NamespaceRegistry registry;
  private final RedisSearch searches;
  private final RedisQuery queries;
  private final RedisIndexScan indexScan;
  private final RedisSweep sweep;
  private final RedisBatch batches;

  private RedisStoreBackend(RedisSettings settings, RedisLink link) {
    this.name = settings.storeName();
    this.link = link;
    Keys keys = new Keys(settings.prefix());
    this.items = new ItemCommands(keys, name);
    this.registry = new NamespaceRegistry(link, keys);
    this.searches = new RedisSearch(link, keys, registry, items);
    this.queries = new RedisQuery(link, keys, searches);
    this.indexScan = new RedisIndexScan(link, keys, registry);
    this.sweep = new RedisSweep(link, keys, registry);
    this.batches = new RedisBatch(this, link, items, registry);
  }

  static RedisStoreBackend open(RedisSettings settings) {
    RedisLink link = RedisLink.open(settings);
    log.info("{} - opened ({} {}, command timeout {} ms)", settings.storeName(),
        settings.cluster() ? "cluster with seed nodes" : "server", settings.nodes(),
        settings.timeout().toMillis());
    return new RedisStoreBackend(settings, link);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public @Nullable Item get(Namespace namespace, String key, Instant now, boolean refreshTtl) {
    if (refreshTtl) {
      return ItemCommands.refreshResult(namespace, key,
          link.eval(items.refresh(namespace, key, now)));
    }
    String itemKey = items.keys().of(namespace).item(key);
    @Nullable String[] fields =
        ItemFields.of(link.call(() -> link.commands().hmget(itemKey, ItemFields.NAMES),
            "get of " + namespace + "/" + key));
    return ItemFields.visibleItem(namespace, key, fields, Micros.of(now));
  }

  @Override
  public Item put(PutCommand command) {
    String[] epoch = {ItemCommands.NOT_LOOKED};
    for (int round = 0; round < MAX_REGISTRATIONS; round++) {
      Item item = items.putResult(command, link.eval(items.put(command, epoch[0])), epoch);
      if (item != null) {
        return item;
      }
      // First write to this namespace (or it was just removed as empty): register it, then
      // write with the epoch seen, so that a removal in between is noticed.
      link.eval(registry.register(command.namespace()));
    }
    throw new BackendUnavailableException(
        name + " - put of " + command.namespace() + "/" + command.key()
            + " kept racing with the removal of its empty namespace");
  }

  @Override
  public boolean delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now) {
    return items.deleteResult(namespace, key, ifVersion,
        link.eval(items.delete(namespace, key, ifVersion, now)));
  }

  @Override
  public List<Item> search(SearchCommand command) {
    return searches.search(command);
  }

  @Override
  public List<SearchItem> query(QueryCommand command) {
    return queries.query(command);
  }

  /** Settings live in the registry's slot, one string key each. */
  @Override
  public @Nullable String readSetting(String name) {
    String key = items.keys().setting(name);
    return link.call(() -> link.commands().get(key), "reading setting " + name);
  }

  @Override
  public void writeSetting(String name, String json) {
    String key = items.keys().setting(name);
    link.call(() -> link.commands().set(key, json), "writing setting " + name);
  }

  @Override
  public List<IndexedItem> scanForIndex(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    return indexScan.scan(afterNamespace, afterKey, limit, now);
  }

  @Override
  public long countItems(Instant now) {
    return indexScan.count(now);
  }

  @Override
  public boolean reindexItem(
      Namespace namespace, String key, long version, ItemIndex index, Instant now) {
    return ScriptCall.flag(link.eval(items.reindex(namespace, key, version, index, now)).get(0));
  }

  @Override
  public List<Namespace> namespaces(Namespace prefix, Instant now) {
    return registry.live(prefix, now);
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    return sweep.deleteExpired(now, limit);
  }

  /** Pipelines runs of single-item calls; see {@link RedisBatch}. */
  @Override
  public List<@Nullable Object> execute(List<BackendCall> calls) {
    return batches.run(calls);
  }

  /** Runs the work as it is: Redis has no transactions that span a Cluster. */
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  /** Batches are pipelined, not transactions: on Cluster their items live on different nodes. */
  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public void close() {
    link.close();
    log.info("{} - closed", name);
  }

  @Override
  public String toString() {
    return "RedisStoreBackend[" + name + "]";
  }
}
