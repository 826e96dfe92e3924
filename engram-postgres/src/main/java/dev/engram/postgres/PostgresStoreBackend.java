package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.micros;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.VersionConflictException;
import dev.engram.spi.BackendCall;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on one schema of a PostgreSQL database. Every write is one atomic statement: an upsert
 * ({@code INSERT ... ON CONFLICT DO UPDATE}) whose version check sits in the statement itself, a
 * versioned {@code UPDATE} or {@code DELETE}, so no operation holds a lock across round trips. A
 * put that carries an index replaces the item's index entries in that same statement ({@link
 * ItemWrites}). Only a failed precondition costs a second statement, to report the version found.
 * Batches run in one transaction on one connection ({@link Connections}). Searches by query: see
 * {@link PostgresQuery}.
 */
final class PostgresStoreBackend implements StoreBackend {
  private static final Logger log = LoggerFactory.getLogger(PostgresStoreBackend.class);

  /**
   * How often a conditional write is retried when the read explaining its conflict finds the
   * precondition holding after all: the item changed between the two statements.
   */
  private static final int CONFLICT_RETRIES = 3;

  private final PostgresSettings settings;
  private final String name;
  private final Connections connections;
  private final ItemSql sql;
  private final ItemWrites writes;
  private final PostgresSearch searches;
  private final PostgresQuery queries;
  private final PostgresIndexing indexing;
  private final Failures failures;

  /** @param hnsw the HNSW indexes when the store keeps vectors with pgvector, else null */
  private PostgresStoreBackend(
      PostgresSettings settings, Connections connections, SearchSetup setup,
      @Nullable PgVectorIndexes hnsw) {
    this.settings = settings;
    this.name = settings.storeName();
    this.connections = connections;
    this.sql = new ItemSql(settings.schema());
    IndexSql indexSql = new IndexSql(settings.schema(), sql, setup.vectors());
    this.writes = new ItemWrites(sql, indexSql, setup.vectors());
    Renewals renewals = new Renewals(connections, sql);
    this.searches = new PostgresSearch(connections, sql, renewals);
    VectorRanking vectors = hnsw == null
        ? new BytesVectorRanking(sql, indexSql)
        : new PgVectorRanking(sql, indexSql, hnsw);
    this.queries = new PostgresQuery(
        connections, sql, new KeywordRanking(sql, indexSql), vectors, renewals);
    this.indexing = new PostgresIndexing(connections, indexSql, writes, setup, hnsw);
    this.failures = new Failures(settings);
  }

  /**
   * Starts the pool, creates or migrates the schema and sets up search ({@link SearchSetup});
   * fails when the database is unreachable.
   */
  static PostgresStoreBackend open(PostgresSettings settings) {
    Connections connections = PostgresDatabase.open(settings, "store");
    try {
      SearchSetup setup = SearchSetup.prepare(connections, settings);
      PgVectorIndexes hnsw = setup.vectors() instanceof VectorStorage.PgVector pgvector
          ? PgVectorIndexes.load(settings, connections, pgvector)
          : null;
      return new PostgresStoreBackend(settings, connections, setup, hnsw);
    } catch (SQLException e) {
      connections.close();
      throw new Failures(settings).of("opening (search setup)", e);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
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
      return connections.run(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(refreshTtl ? sql.getRefreshing : sql.get)) {
              int i = 1;
              if (refreshTtl) {
                ps.setLong(i++, nowMicros);
                ps.setString(i++, ns);
                ps.setString(i++, key);
                ps.setLong(i++, nowMicros);
              }
              ps.setString(i++, ns);
              ps.setString(i++, key);
              ps.setLong(i, nowMicros);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ItemRows.item(rs, namespace, key, ItemRows.value(rs)) : null;
              }
            }
          });
    } catch (SQLException e) {
      throw failures.of("get of " + ns + "/" + key, e);
    }
  }

  @Override
  public Item put(PutCommand command) {
    Long ifVersion = command.ifVersion();
    try {
      indexing.prepareFor(command.index());
      for (int attempt = 0; ; attempt++) {
        Item stored = connections.run(c -> writes.write(c, command));
        if (stored != null) {
          return stored;
        }
        // Only reached when ifVersion was given and did not hold.
        Long actual = visibleVersion(command.namespace(), command.key(), command.now());
        if (!holds(ifVersion, actual) || attempt >= CONFLICT_RETRIES) {
          throw new VersionConflictException(
              command.namespace() + "/" + command.key(), ifVersion, actual);
        }
      }
    } catch (SQLException e) {
      throw failures.of("put of " + command.namespace() + "/" + command.key(), e);
    }
  }

  /**
   * A batch in one transaction, with each run of unconditional puts to distinct items (all with an
   * index or all without) sent as one JDBC batch ({@link ItemWrites#writeAll}). Other calls run
   * one by one, in order, on the same connection.
   */
  @Override
  public List<@Nullable Object> execute(List<BackendCall> calls) {
    return inTransaction(() -> {
      List<@Nullable Object> results = new ArrayList<>(calls.size());
      int i = 0;
      while (i < calls.size()) {
        int end = endOfPutRun(calls, i);
        if (end - i > 1) {
          results.addAll(putAll(calls.subList(i, end)));
          i = end;
        } else {
          results.add(calls.get(i++).applyTo(this));
        }
      }
      return results;
    });
  }

  /**
   * The end of the run of unconditional puts to distinct items, all with an index or all without,
   * starting at {@code start}.
   */
  private static int endOfPutRun(List<BackendCall> calls, int start) {
    Set<String> addresses = new HashSet<>();
    boolean indexed =
        calls.get(start) instanceof BackendCall.Put first && first.command().index() != null;
    int end = start;
    while (end < calls.size()
        && calls.get(end) instanceof BackendCall.Put put
        && put.command().ifVersion() == null
        && (put.command().index() != null) == indexed
        && addresses.add(put.command().namespace() + "/" + put.command().key())) {
      end++;
    }
    return end;
  }

  private List<Item> putAll(List<BackendCall> run) {
    List<PutCommand> commands = new ArrayList<>(run.size());
    for (BackendCall call : run) {
      commands.add(((BackendCall.Put) call).command());
    }
    try {
      for (PutCommand command : commands) {
        indexing.prepareFor(command.index());
      }
      return connections.run(c -> writes.writeAll(c, commands));
    } catch (SQLException e) {
      throw failures.of("batch put of " + run.size() + " items", e);
    }
  }

  private @Nullable Long visibleVersion(Namespace namespace, String key, Instant now)
      throws SQLException {
    return connections.run(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.version)) {
            ps.setString(1, namespace.toString());
            ps.setString(2, key);
            ps.setLong(3, micros(now));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : null;
            }
          }
        });
  }

  private static boolean holds(long expected, @Nullable Long actual) {
    return expected == 0 ? actual == null : actual != null && actual == expected;
  }

  @Override
  public boolean delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now) {
    String ns = namespace.toString();
    long nowMicros = micros(now);
    try {
      if (ifVersion == null) {
        return connections.run(c -> writes.deleteAny(c, ns, key, nowMicros));
      }
      for (int attempt = 0; ; attempt++) {
        if (ifVersion > 0 && connections.run(
            c -> writes.deleteVersion(c, ns, key, ifVersion, nowMicros))) {
          return true;
        }
        Long actual = visibleVersion(namespace, key, now);
        if (ifVersion == 0 && actual == null) {
          return false; // nothing visible to remove, as required
        }
        if (!holds(ifVersion, actual) || attempt >= CONFLICT_RETRIES) {
          throw new VersionConflictException(namespace + "/" + key, ifVersion, actual);
        }
      }
    } catch (SQLException e) {
      throw failures.of("delete of " + ns + "/" + key, e);
    }
  }

  @Override
  public List<Item> search(SearchCommand command) {
    try {
      return searches.search(command);
    } catch (SQLException e) {
      throw failures.of("search under \"" + command.prefix() + "\"", e);
    }
  }

  @Override
  public List<Namespace> namespaces(Namespace prefix, Instant now) {
    try {
      return searches.namespaces(prefix, micros(now));
    } catch (SQLException e) {
      throw failures.of("namespace listing under \"" + prefix + "\"", e);
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      return connections.sweep(sql.deleteExpired, micros(now), limit);
    } catch (SQLException e) {
      throw failures.of("deleting expired items", e);
    }
  }

  @Override
  public List<SearchItem> query(QueryCommand command) {
    try {
      return queries.query(command);
    } catch (SQLException e) {
      throw failures.of(
          command.mode() + " search under \"" + command.scope().prefix() + "\"", e);
    }
  }

  @Override
  public @Nullable String readSetting(String name) {
    try {
      return indexing.readSetting(name);
    } catch (SQLException e) {
      throw failures.of("reading setting " + name, e);
    }
  }

  @Override
  public void writeSetting(String name, String json) {
    try {
      indexing.writeSetting(name, json);
    } catch (SQLException e) {
      throw failures.of("writing setting " + name, e);
    }
  }

  @Override
  public List<IndexedItem> scanForIndex(
      @Nullable Namespace afterNamespace, @Nullable String afterKey, int limit, Instant now) {
    try {
      return indexing.scan(afterNamespace, afterKey, limit, now);
    } catch (SQLException e) {
      throw failures.of("scan for reindexing after " + afterNamespace + "/" + afterKey, e);
    }
  }

  @Override
  public long countItems(Instant now) {
    try {
      return indexing.count(now);
    } catch (SQLException e) {
      throw failures.of("counting items", e);
    }
  }

  @Override
  public boolean reindexItem(
      Namespace namespace, String key, long version, ItemIndex index, Instant now) {
    try {
      return indexing.reindex(namespace, key, version, index, now);
    } catch (SQLException e) {
      throw failures.of("reindexing " + namespace + "/" + key, e);
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return connections.transaction(c -> work.get());
    } catch (SQLException e) {
      throw failures.of("transaction", e);
    }
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public void close() {
    connections.close();
    log.info("{} - closed", name);
  }

  @Override
  public String toString() {
    return "PostgresStoreBackend[" + settings + "]";
  }
}
