package dev.engram.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HNSW indexes over the entries' vectors, one per dimension: the column has no typed dimension
 * (so a store can change models), and pgvector indexes one dimension at a time, through an
 * expression and a partial predicate, {@code ((embedding::vector(d)) vector_cosine_ops) WHERE
 * vector_dims(embedding) = d}. Queries repeat both, with d spliced in as a number, so the planner
 * can match the index whatever the plan cache does.
 *
 * <p>An index is made when the first vectors of its dimension are written, in its own transaction
 * (or the batch's) under the schema's advisory lock, with {@code IF NOT EXISTS} for other
 * processes. Building it holds off writes to the entries meanwhile, quick on a store that
 * configures search before loading. A role that may not create it (only the table's owner may)
 * gets a warning, and its searches of that dimension score exactly in SQL. pgvector indexes
 * {@code vector} up to {@link #MAX_INDEXED_DIMENSIONS}; larger vectors are always scored exactly.
 */
final class PgVectorIndexes {
  private static final Logger log = LoggerFactory.getLogger(PgVectorIndexes.class);

  static final int MAX_INDEXED_DIMENSIONS = 2000;
  private static final String NAME = Schema.ENTRIES + "_hnsw_";

  private final PostgresSettings settings;
  private final Connections connections;
  private final VectorStorage.PgVector vectors;
  /** Dimensions with an index, as far as this process knows. */
  private final Set<Integer> indexed = ConcurrentHashMap.newKeySet();
  /** Dimensions whose index this process tried to make, successfully or not. */
  private final Set<Integer> tried = ConcurrentHashMap.newKeySet();

  private PgVectorIndexes(
      PostgresSettings settings, Connections connections, VectorStorage.PgVector vectors) {
    this.settings = settings;
    this.connections = connections;
    this.vectors = vectors;
  }

  /** The indexes the schema has now. */
  static PgVectorIndexes load(
      PostgresSettings settings, Connections connections, VectorStorage.PgVector vectors)
      throws SQLException {
    PgVectorIndexes indexes = new PgVectorIndexes(settings, connections, vectors);
    connections.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT indexname FROM pg_indexes"
          + " WHERE schemaname = ? AND tablename = ? AND indexname ~ ?")) {
        ps.setString(1, settings.schema());
        ps.setString(2, Schema.ENTRIES);
        ps.setString(3, "^" + NAME + "[0-9]+$");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            indexes.indexed.add(Integer.parseInt(rs.getString(1).substring(NAME.length())));
          }
        }
      }
      return null;
    });
    indexes.tried.addAll(indexes.indexed);
    return indexes;
  }

  VectorStorage.PgVector vectors() {
    return vectors;
  }

  /**
   * Whether vectors of this dimension have an HNSW index to search. One that this process has not
   * seen yet is looked up, since another process may have made it since this one opened.
   */
  boolean has(Connection c, int dimensions) throws SQLException {
    if (indexed.contains(dimensions)) {
      return true;
    }
    if (dimensions > MAX_INDEXED_DIMENSIONS) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?")) {
      ps.setString(1, settings.schema());
      ps.setString(2, NAME + dimensions);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
    }
    indexed.add(dimensions);
    return true;
  }

  /** Makes the index of this dimension unless this process has tried before. */
  void ensure(int dimensions) throws SQLException {
    if (dimensions == 0 || !tried.add(dimensions)) {
      return;
    }
    String store = settings.storeName();
    if (dimensions > MAX_INDEXED_DIMENSIONS) {
      log.warn("{} - vectors of {} dimensions are more than pgvector's HNSW index takes ({}):"
          + " searches of them compute every distance", store, dimensions, MAX_INDEXED_DIMENSIONS);
      return;
    }
    String entries = Schema.quote(settings.schema()) + "." + Schema.ENTRIES;
    String ddl = "CREATE INDEX IF NOT EXISTS " + NAME + dimensions + " ON " + entries
        + " USING hnsw ((" + indexed("embedding", dimensions) + ") " + vectors.schema()
        + ".vector_cosine_ops) WHERE " + ofDimension("embedding", dimensions);
    String failure;
    try {
      failure = connections.transaction(c -> {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, Schema.lockKey(settings.schema()));
          lock.execute();
        }
        return SearchSetup.attempt(c, ddl);
      });
    } catch (SQLException | RuntimeException e) {
      tried.remove(dimensions); // not refused: the next write tries again
      throw e;
    }
    if (failure == null) {
      indexed.add(dimensions);
      log.info("{} - HNSW index for vectors of {} dimensions ready", store, dimensions);
    } else {
      log.warn("{} - could not create the HNSW index for vectors of {} dimensions ({}): searches"
          + " of them compute every distance until the table's owner runs: {}", store,
          dimensions, failure, ddl);
    }
  }

  /** The indexed expression: the vector {@code column} as {@code vector(d)}. */
  String indexed(String column, int dimensions) {
    return "CAST(" + column + " AS " + vectors.type(dimensions) + ")";
  }

  /** The index's predicate on the vector {@code column}, which a query must repeat. */
  String ofDimension(String column, int dimensions) {
    return vectors.schema() + ".vector_dims(" + column + ") = " + dimensions;
  }
}
