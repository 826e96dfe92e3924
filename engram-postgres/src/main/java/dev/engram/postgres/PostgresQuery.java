package dev.engram.postgres;

import dev.engram.Item;
import dev.engram.SearchItem;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Search by query: the rankings give the page's addresses and scores, then one statement reads the
 * page's items, all in one repeatable-read snapshot (inside a batch, in the batch's transaction),
 * and a refreshing search renews their TTLs afterwards.
 *
 * <ul>
 *   <li>vector: {@link VectorRanking}, the first {@code offset + limit} places;
 *   <li>keyword: {@link KeywordRanking}, always complete;
 *   <li>hybrid: both, fused ({@link Ranking#fuse}); when the vector ranking was cut short and the
 *       page is not yet certain, it is asked for four times more, and after three tries for all
 *       of it.
 * </ul>
 */
final class PostgresQuery {
  private static final int HYBRID_TRIES = 3;

  private final Connections connections;
  private final KeywordRanking keywords;
  private final VectorRanking vectors;
  private final Renewals renewals;
  private final String fetch;

  PostgresQuery(Connections connections, ItemSql sql, KeywordRanking keywords,
      VectorRanking vectors, Renewals renewals) {
    this.connections = connections;
    this.keywords = keywords;
    this.vectors = vectors;
    this.renewals = renewals;
    this.fetch = "SELECT " + ItemRows.COLUMNS + ", ttl_micros FROM " + sql.table
        + " JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS p(page_namespace, page_key)"
        + " ON namespace = page_namespace AND key = page_key WHERE " + ItemSql.LIVE;
  }

  /** The query vector, which the vector and hybrid modes come with. */
  static float[] vector(QueryCommand command) {
    float[] vector = command.vector();
    if (vector == null) {
      throw new IllegalArgumentException(command.mode() + " search without a query vector");
    }
    return vector;
  }

  List<SearchItem> query(QueryCommand command) throws SQLException {
    SearchCommand scope = command.scope();
    if (scope.limit() <= 0) {
      return List.of();
    }
    Connections.SqlWork<Page> work = c -> page(c, command);
    Page page = connections.inTransaction() ? connections.run(work) : connections.snapshot(work);
    List<Item> items = scope.refreshTtl()
        ? renewals.refresh(page.items(), page.ttls(), scope.now())
        : page.items();
    List<SearchItem> result = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      result.add(new SearchItem(items.get(i), page.scores().get(i)));
    }
    return result;
  }

  /** The page's items in order, their TTLs in microseconds (or null) and their scores. */
  private record Page(List<Item> items, List<@Nullable Long> ttls, List<Double> scores) {}

  private Page page(Connection c, QueryCommand command) throws SQLException {
    SearchCommand s = command.scope();
    QueryScope scope = new QueryScope(s.prefix(), s.filter(), s.now(), "i.");
    long pageEnd = (long) s.offset() + s.limit();
    List<Hit> ranked = switch (command.mode()) {
      case VECTOR -> vectors.top(c, scope, command, pageEnd).hits();
      case KEYWORD -> keywords.rank(c, scope, command.text()).hits();
      case HYBRID -> hybrid(c, scope, command, pageEnd);
    };
    List<Hit> hits = ranked.subList(
        Math.min(s.offset(), ranked.size()), (int) Math.min(pageEnd, ranked.size()));
    return read(c, hits, s);
  }

  private List<Hit> hybrid(Connection c, QueryScope scope, QueryCommand command, long pageEnd)
      throws SQLException {
    Ranking keyword = keywords.rank(c, scope, command.text());
    long want = pageEnd;
    for (int tries = 0; tries < HYBRID_TRIES; tries++) {
      List<Hit> fused = Ranking.fuse(vectors.top(c, scope, command, want), keyword, pageEnd);
      if (fused != null) {
        return fused;
      }
      want *= 4;
    }
    return Ranking.fuse(vectors.all(c, scope, command), keyword, pageEnd);
  }

  /** The items of the page's hits, in their order, with their scores. */
  private Page read(Connection c, List<Hit> hits, SearchCommand scope) throws SQLException {
    if (hits.isEmpty()) {
      return new Page(List.of(), List.of(), List.of());
    }
    String[] namespaces = new String[hits.size()];
    String[] keys = new String[hits.size()];
    for (int i = 0; i < hits.size(); i++) {
      namespaces[i] = hits.get(i).namespace();
      keys[i] = hits.get(i).key();
    }
    Map<String, Item> items = new HashMap<>();
    Map<String, Long> ttls = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(fetch)) {
      ps.setArray(1, c.createArrayOf("text", namespaces));
      ps.setArray(2, c.createArrayOf("text", keys));
      ps.setLong(3, ItemRows.micros(scope.now()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String address = Hit.address(rs.getString(1), rs.getString(2));
          items.put(address, ItemRows.item(rs));
          ttls.put(address, ItemRows.nullableLong(rs, 8));
        }
      }
    }
    // In a snapshot every hit is there; in a batch's transaction one may have gone meanwhile.
    Page page = new Page(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Hit hit : hits) {
      Item item = items.get(hit.address());
      if (item != null) {
        page.items().add(item);
        page.ttls().add(ttls.get(hit.address()));
        page.scores().add(hit.score());
      }
    }
    return page;
  }
}
