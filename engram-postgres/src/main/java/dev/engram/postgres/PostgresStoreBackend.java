package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.micros;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.VersionConflictException;
import dev.engram.spi.BackendCall;
import dev.engram.spi.PutCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * versioned {@code UPDATE} or {@code DELETE}, so no operation holds a lock across round trips. Only
 * a failed precondition costs a second statement, to report the version found. Batches run in one
 * transaction on one connection ({@link Connections}).
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
  private final PostgresSearch searches;
  private final Failures failures;

  private PostgresStoreBackend(PostgresSettings settings, Connections connections) {
    this.settings = settings;
    this.name = settings.storeName();
    this.connections = connections;
    this.sql = new ItemSql(settings.schema());
    this.searches = new PostgresSearch(connections, sql);
    this.failures = new Failures(settings);
  }

  /** Starts the pool and creates or migrates the schema; fails when the database is unreachable. */
  static PostgresStoreBackend open(PostgresSettings settings) {
    return new PostgresStoreBackend(settings, PostgresDatabase.open(settings, "store"));
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
    String json = command.value().json();
    boolean filterable = JsonbCopy.filterable(json, command.value());
    Long ifVersion = command.ifVersion();
    try {
      for (int attempt = 0; ; attempt++) {
        Item stored = connections.run(c -> write(c, command, json, filterable));
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

  /** The one statement of a put; null when its version precondition did not hold. */
  private @Nullable Item write(Connection c, PutCommand command, String json, boolean filterable)
      throws SQLException {
    long now = micros(command.now());
    Instant expiresAt = command.expiresAt();
    Long expires = ItemRows.nullableMicros(expiresAt);
    Long ttl = ItemRows.micros(command.ttl());
    Long ifVersion = command.ifVersion();
    String ns = command.namespace().toString();
    PreparedStatement ps;
    if (ifVersion == null || ifVersion == 0) {
      ps = c.prepareStatement(ifVersion == null ? sql.upsert : sql.createIfAbsent);
      bindInsert(ps, command, json, filterable);
    } else {
      ps = c.prepareStatement(sql.replaceVersion);
      ps.setString(1, json);
      ps.setBoolean(2, filterable);
      ps.setLong(3, now);
      ItemRows.setNullableLong(ps, 4, expires);
      ItemRows.setNullableLong(ps, 5, ttl);
      ps.setString(6, ns);
      ps.setString(7, command.key());
      ps.setLong(8, ifVersion);
      ps.setLong(9, now);
    }
    try (ps;
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? stored(command, rs) : null;
    }
  }

  /** Binds the eight parameters of an insert ({@code upsert} or {@code createIfAbsent}). */
  private static void bindInsert(
      PreparedStatement ps, PutCommand command, String json, boolean filterable)
      throws SQLException {
    long now = micros(command.now());
    ps.setString(1, command.namespace().toString());
    ps.setString(2, command.key());
    ps.setString(3, json);
    ps.setBoolean(4, filterable);
    ps.setLong(5, now);
    ps.setLong(6, now);
    ItemRows.setNullableLong(ps, 7, ItemRows.nullableMicros(command.expiresAt()));
    ItemRows.setNullableLong(ps, 8, ItemRows.micros(command.ttl()));
  }

  /** The item a put stored, from its row of {@code RETURNING created_at, version}. */
  private static Item stored(PutCommand command, ResultSet rs) throws SQLException {
    return new Item(
        command.namespace(), command.key(), command.value().canonical(),
        ItemRows.instant(rs.getLong(1)), command.now(), command.expiresAt(), rs.getLong(2));
  }

  /**
   * A batch in one transaction, with each run of unconditional puts to distinct items sent as one
   * JDBC batch: the driver pipelines its statements, so a run costs one round trip instead of one
   * per put. Other calls run one by one, in order, on the same connection.
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

  /** The end of the run of unconditional puts to distinct items starting at {@code start}. */
  private static int endOfPutRun(List<BackendCall> calls, int start) {
    Set<String> addresses = new HashSet<>();
    int end = start;
    while (end < calls.size()
        && calls.get(end) instanceof BackendCall.Put put
        && put.command().ifVersion() == null
        && addresses.add(put.command().namespace() + "/" + put.command().key())) {
      end++;
    }
    return end;
  }

  private List<Item> putAll(List<BackendCall> run) {
    try {
      return connections.run(c -> {
        try (PreparedStatement ps =
            c.prepareStatement(sql.upsert, Statement.RETURN_GENERATED_KEYS)) {
          for (BackendCall call : run) {
            PutCommand command = ((BackendCall.Put) call).command();
            String json = command.value().json();
            bindInsert(ps, command, json, JsonbCopy.filterable(json, command.value()));
            ps.addBatch();
          }
          ps.executeBatch();
          List<Item> items = new ArrayList<>(run.size());
          try (ResultSet rs = ps.getGeneratedKeys()) {
            for (BackendCall call : run) {
              if (!rs.next()) {
                throw new SQLException("the batch returned fewer rows than it had puts");
              }
              items.add(stored(((BackendCall.Put) call).command(), rs));
            }
          }
          return items;
        }
      });
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
        return connections.run(c -> deleteAny(c, ns, key, nowMicros));
      }
      for (int attempt = 0; ; attempt++) {
        if (ifVersion > 0 && connections.run(c -> deleteVersion(c, ns, key, ifVersion, nowMicros))) {
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

  /** Removes the row whatever its expiry; true when it was visible. */
  private boolean deleteAny(Connection c, String ns, String key, long nowMicros)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.delete)) {
      ps.setString(1, ns);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        long expires = rs.getLong(1);
        return rs.wasNull() || expires > nowMicros;
      }
    }
  }

  private boolean deleteVersion(Connection c, String ns, String key, long version, long nowMicros)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.deleteVersion)) {
      ps.setString(1, ns);
      ps.setString(2, key);
      ps.setLong(3, version);
      ps.setLong(4, nowMicros);
      return ps.executeUpdate() > 0;
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
