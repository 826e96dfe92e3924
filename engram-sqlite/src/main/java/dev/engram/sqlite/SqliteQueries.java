package dev.engram.sqlite;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.IndexedQuery;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndex.Address;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search by query. Through the search index when this process holds it: the index ranks, the
 * records (read in one snapshot) resolve a filter's candidates and confirm every hit. Otherwise
 * (no index provider, the index held by another process or failed, or a query inside a
 * transaction, which must see the transaction's own writes) {@link ExactQuery} scores every
 * indexed item in scope, read from the records with their entries.
 */
final class SqliteQueries {
  private static final String CANDIDATES =
      "SELECT namespace, key, value FROM items WHERE index_model IS NOT NULL AND ";

  /** The indexed items in scope with their entries, grouped by item, entries in their order. */
  private static final String EXACT_HEAD =
      "SELECT i.namespace, i.key, i.value, i.created_at, i.updated_at, i.expires_at, i.version,"
          + " i.index_model, e.path, e.text, e.vector FROM (SELECT " + ItemRows.COLUMNS
          + ", index_model FROM items WHERE index_model IS NOT NULL AND ";
  private static final String EXACT_TAIL =
      ") i JOIN index_entries e ON e.namespace = i.namespace AND e.key = i.key"
          + " ORDER BY i.namespace, i.key, e.ordinal";

  private final ConnectionPool pool;
  private final SqliteSearch searches;
  private final IndexSync sync;

  SqliteQueries(ConnectionPool pool, SqliteSearch searches, IndexSync sync) {
    this.pool = pool;
    this.searches = searches;
    this.sync = sync;
  }

  List<SearchItem> query(QueryCommand command) throws SQLException {
    SearchCommand scope = command.scope();
    if (scope.limit() <= 0) {
      return List.of();
    }
    List<SearchItem> page = null;
    SearchIndex index = pool.heldByCurrentThread() ? null : sync.current();
    if (index != null) {
      try {
        page = pool.readSnapshot(c -> IndexedQuery.page(command, index, new Records(c, scope)));
      } catch (RecordsFailure e) {
        throw e.getCause();
      } catch (UncheckedIOException | IllegalStateException e) {
        sync.failed(index, e);
      }
    }
    if (page == null) {
      page = pool.readSnapshot(c -> ExactQuery.page(command, exactCandidates(c, scope)));
    }
    return scope.refreshTtl() ? refresh(page, scope) : page;
  }

  private List<ExactQuery.Candidate> exactCandidates(SqliteConnection c, SearchCommand scope)
      throws SQLException {
    return searches.pushedDown(
        scope,
        pushed -> {
          PreparedStatement ps =
              c.prepare(EXACT_HEAD + SqliteSearch.scopeSql(scope, pushed) + EXACT_TAIL);
          SqliteSearch.bindScope(ps, 1, scope, pushed);
          List<ExactQuery.Candidate> candidates = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            Item item = null;
            String model = null;
            List<IndexEntry> entries = null;
            boolean matches = false;
            while (rs.next()) {
              Namespace namespace = Namespace.parse(rs.getString(1));
              String key = rs.getString(2);
              if (item == null || !item.namespace().equals(namespace) || !item.key().equals(key)) {
                if (matches) {
                  candidates.add(new ExactQuery.Candidate(item, new ItemIndex(model, null, entries)));
                }
                Map<String, Object> value = ItemRows.value(rs);
                item = ItemRows.item(rs, namespace, key, value);
                model = rs.getString(8);
                entries = new ArrayList<>();
                matches = scope.filter().matches(value);
              }
              if (matches) {
                entries.add(IndexRecords.entry(rs, 9));
              }
            }
            if (matches) {
              candidates.add(new ExactQuery.Candidate(item, new ItemIndex(model, null, entries)));
            }
          }
          return candidates;
        });
  }

  /** Renews the expiry of the found items that have a TTL, in one transaction. */
  private List<SearchItem> refresh(List<SearchItem> page, SearchCommand scope)
      throws SQLException {
    long now = ItemRows.micros(scope.now());
    return pool.transaction(
        c -> {
          List<SearchItem> refreshed = new ArrayList<>(page.size());
          for (SearchItem found : page) {
            Item renewed =
                found.item().expiresAt() == null
                    ? null
                    : SqliteStoreBackend.renew(c, found.namespace(), found.key(), now);
            refreshed.add(renewed == null ? found : new SearchItem(renewed, found.score()));
          }
          return refreshed;
        });
  }

  /** Carries a failure of the records through {@link IndexedQuery}, which unwraps it at once. */
  private static final class RecordsFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecordsFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** The records in one snapshot, as an index query checks its hits against them. */
  private final class Records implements IndexedQuery.Records {
    private final SqliteConnection c;
    private final SearchCommand scope;

    Records(SqliteConnection c, SearchCommand scope) {
      this.c = c;
      this.scope = scope;
    }

    @Override
    public Map<Address, Item> load(Collection<Address> addresses) {
      Map<Address, Item> found = new HashMap<>();
      try {
        PreparedStatement ps = c.prepare(IndexSql.GET_INDEXED);
        for (Address address : addresses) {
          bindAddress(ps, address);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              Item item = ItemRows.item(rs, address.namespace(), address.key());
              if (scope.filter().matches(item.value())) {
                found.put(address, item);
              }
            }
          }
        }
      } catch (SQLException e) {
        throw new RecordsFailure(e);
      }
      return found;
    }

    @Override
    public Set<Address> candidates() {
      try {
        return searches.pushedDown(
            scope,
            pushed -> {
              PreparedStatement ps = c.prepare(CANDIDATES + SqliteSearch.scopeSql(scope, pushed));
              SqliteSearch.bindScope(ps, 1, scope, pushed);
              Set<Address> found = new HashSet<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  if (scope.filter().matches(ItemRows.value(rs))) {
                    found.add(new Address(Namespace.parse(rs.getString(1)), rs.getString(2)));
                  }
                }
              }
              return found;
            });
      } catch (SQLException e) {
        throw new RecordsFailure(e);
      }
    }

    @Override
    public Set<Address> visible(Collection<Address> addresses) {
      Set<Address> found = new HashSet<>();
      try {
        PreparedStatement ps = c.prepare(IndexSql.VISIBLE);
        for (Address address : addresses) {
          bindAddress(ps, address);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              found.add(address);
            }
          }
        }
      } catch (SQLException e) {
        throw new RecordsFailure(e);
      }
      return found;
    }

    private void bindAddress(PreparedStatement ps, Address address) throws SQLException {
      ps.setString(1, address.namespace().toString());
      ps.setString(2, address.key());
      ps.setLong(3, ItemRows.micros(scope.now()));
    }
  }
}
