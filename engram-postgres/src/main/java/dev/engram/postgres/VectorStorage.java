package dev.engram.postgres;

import dev.engram.spi.IndexEntry;
import dev.engram.spi.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * How the {@code embedding} column of index entries holds vectors, chosen when the store opens
 * ({@link SearchSetup}): little-endian floats in {@code bytea} ({@link Vectors#toBytes}), scored in
 * Java, or pgvector's {@code vector}, scored and indexed by the database.
 */
sealed interface VectorStorage {

  /** Without pgvector: vectors as bytes, every query scored exactly in Java. */
  record Bytes() implements VectorStorage {
    @Override
    public String entryVector() {
      return "(CAST(? AS bytea[]))[CAST(u.ord AS integer)]";
    }

    @Override
    public int bindEntryVectors(Connection c, PreparedStatement ps, int i, List<IndexEntry> entries)
        throws SQLException {
      byte[][] bytes = new byte[entries.size()][];
      for (int e = 0; e < bytes.length; e++) {
        bytes[e] = Vectors.toBytes(entries.get(e).vector());
      }
      ps.setArray(i, c.unwrap(PGConnection.class).createArrayOf("bytea", bytes));
      return i + 1;
    }
  }

  /**
   * pgvector's {@code vector} type, of any dimension; an HNSW index per dimension covers the
   * entries of that dimension ({@link PgVectorIndexes}).
   *
   * @param schema the quoted schema pgvector is installed in: its type, functions and operators are
   *     always named with it, so they are found whatever the connection's {@code search_path}
   */
  record PgVector(String schema) implements VectorStorage {
    /** The type, qualified, optionally with a dimension: {@code "public".vector(384)}. */
    String type(int dimensions) {
      return schema + ".vector" + (dimensions > 0 ? "(" + dimensions + ")" : "");
    }

    /** pgvector's cosine distance operator, qualified. */
    String cosineDistance() {
      return " OPERATOR(" + schema + ".<=>) ";
    }

    /** A float4[] parameter as a vector (of that dimension when it is positive). */
    String parameter(int dimensions) {
      return "CAST(CAST(? AS real[]) AS " + type(dimensions) + ")";
    }

    /**
     * Each entry's slice of one flat float4[] holding every vector of the item, end to end: one
     * array parameter instead of one per entry, sent by the driver in its binary form.
     */
    @Override
    public String entryVector() {
      return "CAST((CAST(? AS real[]))[(CAST(u.ord AS integer) - 1) * ? + 1"
          + " : CAST(u.ord AS integer) * ?] AS " + type(0) + ")";
    }

    @Override
    public int bindEntryVectors(Connection c, PreparedStatement ps, int i, List<IndexEntry> entries)
        throws SQLException {
      int dimensions = entries.isEmpty() ? 0 : entries.get(0).vector().length;
      float[] flat = new float[entries.size() * dimensions];
      for (int e = 0; e < entries.size(); e++) {
        System.arraycopy(entries.get(e).vector(), 0, flat, e * dimensions, dimensions);
      }
      ps.setArray(i, c.unwrap(PGConnection.class).createArrayOf("float4", flat));
      ps.setInt(i + 1, dimensions);
      ps.setInt(i + 2, dimensions);
      return i + 3;
    }

    /** The same float4[] parameter form for a query vector. */
    static void bindQuery(Connection c, PreparedStatement ps, int i, float[] vector)
        throws SQLException {
      ps.setArray(i, c.unwrap(PGConnection.class).createArrayOf("float4", vector));
    }
  }

  /**
   * The SQL of the vector of entry row {@code u} (an {@code unnest ... WITH ORDINALITY AS u(...,
   * ord)}) in the insert of an item's entries, from parameters bound by {@link #bindEntryVectors}.
   */
  String entryVector();

  /**
   * Binds the parameters of {@link #entryVector} for {@code entries}, all of one dimension.
   *
   * @return the next parameter index
   */
  int bindEntryVectors(Connection c, PreparedStatement ps, int i, List<IndexEntry> entries)
      throws SQLException;
}
