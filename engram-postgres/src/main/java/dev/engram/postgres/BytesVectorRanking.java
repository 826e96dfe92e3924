package dev.engram.postgres;

import dev.engram.spi.QueryCommand;
import dev.engram.spi.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Vector ranking without pgvector: every entry of the query's model in scope is read, its vector
 * as bytes, and scored in Java with {@link Vectors#cosineToUnit}, the reference's own arithmetic
 * (the query normalized once, float sums), so scores and ties are exactly the reference's. Costs
 * one pass over the candidates' vectors, read lazily; values are not sent (the page's items are
 * read afterwards), except those the filter's SQL could not decide.
 */
final class BytesVectorRanking implements VectorRanking {
  private final String items;
  private final String entries;

  BytesVectorRanking(ItemSql itemSql, IndexSql indexSql) {
    this.items = itemSql.table;
    this.entries = indexSql.entries;
  }

  /** Always the whole ranking: there is no index to ask for less. */
  @Override
  public Ranking top(Connection c, QueryScope scope, QueryCommand command, long want)
      throws SQLException {
    return all(c, scope, command);
  }

  @Override
  public Ranking all(Connection c, QueryScope scope, QueryCommand command) throws SQLException {
    float[] unit = Vectors.normalized(PostgresQuery.vector(command));
    String sql = "SELECT i.namespace, i.key, " + scope.undecidedValue() + ", e.embedding FROM "
        + items + " i JOIN " + entries + " e ON e.namespace = i.namespace AND e.key = i.key"
        + " WHERE i.index_model = ? AND " + scope.where();
    BestPerItem best = new BestPerItem(scope);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, command.model());
      scope.bind(c, ps, 2);
      ps.setFetchSize(QueryScope.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          float similarity = Vectors.cosineToUnit(unit, Vectors.fromBytes(rs.getBytes(4)));
          best.add(rs.getString(1), rs.getString(2), rs.getBytes(3), similarity);
        }
      }
    }
    return best.ranking(true);
  }
}
