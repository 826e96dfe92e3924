package dev.engram.postgres;

import dev.engram.spi.QueryCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Vector ranking with pgvector: PostgreSQL computes the cosine distances ({@code <=>}); the score
 * is {@code 1 - distance}, the cosine similarity (0 against an all-zero vector, as in {@link
 * dev.engram.spi.Vectors#cosine}, where pgvector says NaN).
 *
 * <p>{@link #top} walks the HNSW index of the query's dimension ({@link PgVectorIndexes}) nearest
 * entries first, joined to their items in scope, with pgvector 0.8's iterative scan in relaxed
 * order, so that a selective prefix or filter makes the index scan further instead of coming back
 * short; the best entry of each item counts. It asks for {@code max(40, 2 × want)} entries (an
 * item may have several), four times more while too few items came back, and falls back to the
 * exact {@link #all} when the index scan ends before the rows asked for (the scope holds fewer, or
 * pgvector's {@code hnsw.max_scan_tuples} was reached) or past {@link #MAX_INDEX_ROWS}: a page is
 * never short because the graph was. Without an index for the dimension, every query is {@link
 * #all}: one pass in SQL over the scope's entries of the model, with no vectors sent.
 */
final class PgVectorRanking implements VectorRanking {
  /** Entries asked of the index at first, whatever the page: HNSW's usual ef_search. */
  private static final int MIN_INDEX_ROWS = 40;
  /** pgvector's default {@code hnsw.max_scan_tuples}: beyond it an index scan stops anyway. */
  private static final long MAX_INDEX_ROWS = 20_000;
  /** pgvector's largest {@code hnsw.ef_search}. */
  private static final int MAX_EF_SEARCH = 1000;

  private final String items;
  private final String entries;
  private final VectorStorage.PgVector vectors;
  private final PgVectorIndexes indexes;

  PgVectorRanking(ItemSql itemSql, IndexSql indexSql, PgVectorIndexes indexes) {
    this.items = itemSql.table;
    this.entries = indexSql.entries;
    this.vectors = indexes.vectors();
    this.indexes = indexes;
  }

  @Override
  public Ranking top(Connection c, QueryScope scope, QueryCommand command, long want)
      throws SQLException {
    float[] query = PostgresQuery.vector(command);
    int dimensions = query.length;
    if (isZero(query) || !indexes.has(c, dimensions)) {
      // An all-zero query is at the same (undefined) distance from everything: no nearest first.
      return all(c, scope, command);
    }
    String sql = "SELECT i.namespace, i.key, " + scope.undecidedValue() + ", "
        + indexes.indexed("e.embedding", dimensions) + vectors.cosineDistance()
        + vectors.parameter(dimensions) + " AS distance FROM " + entries + " e JOIN " + items
        + " i ON i.namespace = e.namespace AND i.key = e.key WHERE "
        + indexes.ofDimension("e.embedding", dimensions) + " AND i.index_model = ? AND "
        + scope.where() + " ORDER BY distance LIMIT ?";
    for (long rows = Math.max(MIN_INDEX_ROWS, 2 * want); rows <= MAX_INDEX_ROWS; rows *= 4) {
      // Transaction-scoped settings: the pooled connection keeps its defaults.
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('hnsw.iterative_scan',"
          + " 'relaxed_order', true), set_config('hnsw.ef_search', ?, true)")) {
        ps.setString(1, Long.toString(Math.min(rows, MAX_EF_SEARCH)));
        ps.execute();
      }
      BestPerItem best = new BestPerItem(scope);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        VectorStorage.PgVector.bindQuery(c, ps, 1, query);
        ps.setString(2, command.model());
        int i = scope.bind(c, ps, 3);
        ps.setLong(i, rows);
        read(ps, best);
      }
      if (best.rows() < rows) {
        break; // the index scan ended: only the exact ranking is sure to be complete
      }
      if (best.items() >= want) {
        return best.ranking(false);
      }
    }
    return all(c, scope, command);
  }

  @Override
  public Ranking all(Connection c, QueryScope scope, QueryCommand command) throws SQLException {
    float[] query = PostgresQuery.vector(command);
    String sql = "SELECT i.namespace, i.key, " + scope.undecidedValue() + ", e.embedding"
        + vectors.cosineDistance() + vectors.parameter(0) + " FROM " + items + " i JOIN "
        + entries + " e ON e.namespace = i.namespace AND e.key = i.key"
        + " WHERE i.index_model = ? AND " + scope.where();
    BestPerItem best = new BestPerItem(scope);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      VectorStorage.PgVector.bindQuery(c, ps, 1, query);
      ps.setString(2, command.model());
      scope.bind(c, ps, 3);
      ps.setFetchSize(QueryScope.FETCH_SIZE);
      read(ps, best);
    }
    return best.ranking(true);
  }

  private static boolean isZero(float[] vector) {
    for (float x : vector) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void read(PreparedStatement ps, BestPerItem best) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        double distance = rs.getDouble(4);
        best.add(rs.getString(1), rs.getString(2), rs.getBytes(3),
            Double.isNaN(distance) ? 0 : 1 - distance);
      }
    }
  }
}
