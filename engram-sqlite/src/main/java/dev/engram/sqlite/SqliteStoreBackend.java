package dev.engram.sqlite;

import static dev.engram.sqlite.ItemRows.micros;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.VersionConflictException;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.StoreBackend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on one SQLite file. Reads run on a reader connection; a plain put, a delete and a TTL
 * renewal are each one atomic statement on the writer; operations that must read before they write
 * (conditional puts and deletes, indexed puts) run in a {@code BEGIN IMMEDIATE} transaction on the
 * writer. Search by query runs through {@link SqliteQueries}, its index kept by {@link IndexSync}.
 */
final class SqliteStoreBackend implements StoreBackend {
  private static final Logger log = LoggerFactory.getLogger(SqliteStoreBackend.class);

  private final SqliteSettings settings;
  private final String name;
  private final ConnectionPool pool;
  private final SqliteSearch searches;
  private final IndexSync index;
  private final SqliteQueries queries;

  private SqliteStoreBackend(
      SqliteSettings settings, ConnectionPool pool, @Nullable SearchIndexProvider indexProvider) {
    this.settings = settings;
    this.name = settings.storeName();
    this.pool = pool;
    this.searches = new SqliteSearch(name, pool);
    this.index = new IndexSync(settings, pool, indexProvider);
    this.queries = new SqliteQueries(pool, searches, index);
  }

  /** Opens the file, creating it and its folders, switching it to WAL and migrating its schema. */
  static SqliteStoreBackend open(
      SqliteSettings settings, @Nullable SearchIndexProvider indexProvider) {
    return new SqliteStoreBackend(
        settings, SqliteDatabase.open(settings, "store"), indexProvider);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public @Nullable Item get(Namespace namespace, String key, Instant now, boolean refreshTtl) {
    String ns = namespace.toString();
    long nowMicros = micros(now);
    try {
      Item item = pool.read(c -> plainGet(c, namespace, key, nowMicros));
      // expires_at is set exactly when the item has a TTL: without one there is nothing to renew,
      // and the read stays on a reader, in parallel with other reads.
      if (!refreshTtl || item == null || item.expiresAt() == null) {
        return item;
      }
      Item renewed = pool.write(c -> renew(c, namespace, key, nowMicros));
      if (renewed != null) {
        return renewed;
      }
      // The item changed between the read and the renewal: decide again, atomically.
      return pool.transaction(
          c -> {
            Item current = renew(c, namespace, key, nowMicros);
            return current != null ? current : plainGet(c, namespace, key, nowMicros);
          });
    } catch (SQLException e) {
      throw failure("get of " + ns + "/" + key, e);
    }
  }

  private static @Nullable Item plainGet(
      SqliteConnection c, Namespace namespace, String key, long nowMicros) throws SQLException {
    PreparedStatement ps = addressed(c, ItemSql.GET, namespace, key, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? ItemRows.item(rs, namespace, key) : null;
    }
  }

  /** Renews the expiry of the visible item if it has a TTL; returns it, or null. */
  static @Nullable Item renew(
      SqliteConnection c, Namespace namespace, String key, long nowMicros) throws SQLException {
    PreparedStatement ps = c.prepare(ItemSql.REFRESH);
    ps.setLong(1, nowMicros);
    ps.setString(2, namespace.toString());
    ps.setString(3, key);
    ps.setLong(4, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? ItemRows.item(rs, namespace, key) : null;
    }
  }

  @Override
  public Item put(PutCommand command) {
    ItemIndex itemIndex = command.index();
    try {
      if (itemIndex == null && command.ifVersion() == null) {
        return pool.write(c -> upsert(c, command));
      }
      Item stored =
          pool.transaction(
              c -> {
                if (command.ifVersion() != null) {
                  Long actual =
                      visibleVersion(c, command.namespace(), command.key(), micros(command.now()));
                  checkVersion(command.namespace(), command.key(), command.ifVersion(), actual);
                }
                Item item = upsert(c, command);
                if (itemIndex != null) {
                  IndexRecords.replaceEntries(c, command.namespace(), command.key(), itemIndex);
                }
                return item;
              });
      if (itemIndex != null) {
        index.changed(true);
      }
      return stored;
    } catch (SQLException e) {
      throw failure("put of " + command.namespace() + "/" + command.key(), e);
    }
  }

  private static Item upsert(SqliteConnection c, PutCommand command) throws SQLException {
    long now = micros(command.now());
    Instant expiresAt = command.expiresAt();
    Long ttl = ItemRows.micros(command.ttl());
    ItemIndex itemIndex = command.index();
    PreparedStatement ps = c.prepare(itemIndex == null ? ItemSql.UPSERT : ItemSql.UPSERT_INDEXED);
    ps.setString(1, command.namespace().toString());
    ps.setString(2, command.key());
    // Bound as text: SQLite would read a blob as JSONB.
    ps.setString(3, command.value().json());
    ps.setLong(4, now);
    ps.setLong(5, now);
    if (expiresAt == null) {
      ps.setNull(6, Types.INTEGER);
      ps.setNull(7, Types.INTEGER);
    } else {
      ps.setLong(6, micros(expiresAt));
      ps.setLong(7, ttl);
    }
    if (itemIndex != null) {
      ps.setString(8, itemIndex.model());
      ps.setString(9, IndexRecords.fieldsColumn(itemIndex));
    }
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("upsert returned no row");
      }
      return new Item(
          command.namespace(), command.key(), command.value().canonical(),
          ItemRows.instant(rs.getLong(1)), command.now(), expiresAt, rs.getLong(2));
    }
  }

  private static @Nullable Long visibleVersion(
      SqliteConnection c, Namespace namespace, String key, long nowMicros) throws SQLException {
    PreparedStatement ps = addressed(c, ItemSql.VERSION, namespace, key, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }
  /** A statement whose parameters are namespace, key and now, in that order, bound. */
  private static PreparedStatement addressed(
      SqliteConnection c, String sql, Namespace namespace, String key, long nowMicros)
      throws SQLException {
    PreparedStatement ps = c.prepare(sql);
    ps.setString(1, namespace.toString());
    ps.setString(2, key);
    ps.setLong(3, nowMicros);
    return ps;
  }


  private static void checkVersion(
      Namespace namespace, String key, long expected, @Nullable Long actual) {
    boolean holds = expected == 0 ? actual == null : actual != null && actual == expected;
    if (!holds) {
      throw new VersionConflictException(namespace + "/" + key, expected, actual);
    }
  }

  @Override
  public boolean delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now) {
    long nowMicros = micros(now);
    try {
      boolean deleted;
      if (ifVersion == null) {
        deleted = pool.write(c -> deleteRow(c, namespace, key, nowMicros));
      } else {
        deleted =
            pool.transaction(
                c -> {
                  Long actual = visibleVersion(c, namespace, key, nowMicros);
                  checkVersion(namespace, key, ifVersion, actual);
                  return actual != null && deleteRow(c, namespace, key, nowMicros);
                });
      }
      // The delete trigger logged the change if the item was indexed.
      index.changed(false);
      return deleted;
    } catch (SQLException e) {
      throw failure("delete of " + namespace + "/" + key, e);
    }
  }

  private static boolean deleteRow(
      SqliteConnection c, Namespace namespace, String key, long nowMicros) throws SQLException {
    PreparedStatement ps = c.prepare(ItemSql.DELETE);
    ps.setString(1, namespace.toString());
    ps.setString(2, key);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return false;
      }
      long expires = rs.getLong(1);
      return rs.wasNull() || expires > nowMicros;
    }
  }

  @Override
  public List<Item> search(SearchCommand command) {
    try {
      return searches.search(command);
    } catch (SQLException e) {
      throw failure("search under \"" + command.prefix() + "\"", e);
    }
  }

  @Override
  public List<Namespace> namespaces(Namespace prefix, Instant now) {
    try {
      return searches.namespaces(prefix, micros(now));
    } catch (SQLException e) {
      throw failure("namespace listing under \"" + prefix + "\"", e);
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      int deleted =
          pool.write(
              c -> {
                PreparedStatement ps = c.prepare(ItemSql.DELETE_EXPIRED);
                ps.setLong(1, micros(now));
                ps.setInt(2, limit);
                return ps.executeUpdate();
              });
      if (deleted > 0) {
        index.changed(false);
      }
      return deleted;
    } catch (SQLException e) {
      throw failure("deleting expired items", e);
    }
  }

  @Override
  public List<SearchItem> query(QueryCommand command) {
    try {
      return queries.query(command);
    } catch (SQLException e) {
      throw failure("search by query under \"" + command.scope().prefix() + "\"", e);
    }
  }

  @Override
  public @Nullable String readSetting(String settingName) {
    try {
      return pool.read(c -> IndexRecords.readSetting(c, settingName));
    } catch (SQLException e) {
      throw failure("reading setting " + settingName, e);
    }
  }

  @Override
  public void writeSetting(String settingName, String json) {
    try {
      pool.write(c -> IndexRecords.writeSetting(c, settingName, json));
    } catch (SQLException e) {
      throw failure("writing setting " + settingName, e);
    }
  }

  @Override
  public List<IndexedItem> scanForIndex(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    try {
      return pool.read(c -> IndexRecords.scan(c, afterNamespace, afterKey, limit, micros(now)));
    } catch (SQLException e) {
      throw failure("scanning items for reindexing", e);
    }
  }

  @Override
  public long countItems(Instant now) {
    try {
      return pool.read(c -> IndexRecords.countVisible(c, micros(now)));
    } catch (SQLException e) {
      throw failure("counting items", e);
    }
  }

  @Override
  public boolean reindexItem(
      Namespace namespace, String key, long version, ItemIndex itemIndex, Instant now) {
    try {
      boolean replaced =
          pool.transaction(
              c -> {
                Long actual = visibleVersion(c, namespace, key, micros(now));
                if (actual == null || actual != version) {
                  return false;
                }
                IndexRecords.setIndex(c, namespace, key, itemIndex);
                return true;
              });
      if (replaced) {
        index.changed(true);
      }
      return replaced;
    } catch (SQLException e) {
      throw failure("reindexing " + namespace + "/" + key, e);
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      T result = pool.transaction(c -> work.get());
      // Indexed writes of the transaction are committed only now: let the index catch up.
      index.changed(false);
      return result;
    } catch (SQLException e) {
      throw failure("transaction", e);
    }
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public void close() {
    index.close();
    pool.close();
    log.info("{} - closed", name);
  }

  private BackendUnavailableException failure(String what, SQLException e) {
    return SqliteDatabase.failure(name, what, e);
  }

  @Override
  public String toString() {
    return "SqliteStoreBackend[" + name + ", readers=" + settings.readers() + "]";
  }
}
