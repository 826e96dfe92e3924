package dev.engram.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at open how this store keeps and searches vectors: with pgvector when the database has
 * it, else as bytes scored in Java. Runs in one transaction under the schema's advisory lock
 * ({@link Schema#lockKey}), so that processes opening a store at once agree:
 *
 * <ol>
 *   <li>pgvector installed in the database: used. Available but not installed: {@code CREATE
 *       EXTENSION IF NOT EXISTS vector}, which needs the right to; refused, the store goes on
 *       without it.
 *   <li>The entries' {@code embedding} column is created as {@code bytea}. With pgvector and no
 *       entries yet it becomes {@code vector}, with no typed dimension: one HNSW index per
 *       dimension ({@link PgVectorIndexes}) lets a store change models without a migration. A
 *       store that already holds vectors as bytes keeps them so (converting would mean reading
 *       every vector into Java) until its entries are cleared and reindexed.
 * </ol>
 *
 * <p>Without pgvector a search by query scores every candidate in Java, which a warning says once
 * at open when the store has an index configuration (otherwise, when one is written).
 */
record SearchSetup(VectorStorage vectors, @Nullable String withoutPgvector, boolean configured) {
  private static final Logger log = LoggerFactory.getLogger(SearchSetup.class);

  /** The name of the setting that holds the index configuration. */
  static final String INDEX_SETTING = "index";

  /** What a store without pgvector pays, for the warnings. */
  static final String BYTES_COST =
      "searches by query score every candidate of the namespace and filter in-process";

  /** The column type of the entries' vectors. */
  private record ColumnType(String name, String schema) {}

  /**
   * Decides; see the class comment.
   *
   * @return how vectors are kept, why not with pgvector (for the warnings) when so, and whether
   *     the store had an index configuration (then that warning was given)
   */
  static SearchSetup prepare(Connections connections, PostgresSettings settings)
      throws SQLException {
    String store = settings.storeName();
    String entries = Schema.quote(settings.schema()) + "." + Schema.ENTRIES;
    SearchSetup setup = connections.transaction(c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, Schema.lockKey(settings.schema()));
        lock.execute();
      }
      boolean configured = firstString(c, "SELECT value FROM " + Schema.quote(settings.schema())
          + ".engram_settings WHERE name = ?", INDEX_SETTING) != null;
      return decide(c, store, entries, configured);
    });
    if (setup.withoutPgvector() == null) {
      log.info("{} - searches by query use pgvector", store);
    } else if (setup.configured()) {
      setup.warn();
    } else {
      log.info("{} - {}: once search is configured, {}", store, setup.withoutPgvector(),
          BYTES_COST);
    }
    return setup;
  }

  private static SearchSetup decide(Connection c, String store, String entries,
      boolean configured) throws SQLException {
    ColumnType column = embeddingType(c, entries);
    if (column.name().equals("vector")) {
      return new SearchSetup(
          new VectorStorage.PgVector(quoteIdentifier(column.schema())), null, configured);
    }
    String extension = installedPgvector(c, store);
    if (extension == null) {
      return bytes("pgvector not available on " + store, configured);
    }
    if (firstString(c, "SELECT 'x' FROM " + entries + " LIMIT 1", null) != null) {
      return bytes("pgvector is installed on " + store + ", but this store's vectors were"
          + " written without it (to move to pgvector: DELETE FROM " + entries
          + ", UPDATE its items SET index_model = NULL, reopen and reindex)", configured);
    }
    VectorStorage.PgVector pgvector = new VectorStorage.PgVector(quoteIdentifier(extension));
    String failure = attempt(c, "ALTER TABLE " + entries + " ALTER COLUMN embedding TYPE "
        + pgvector.type(0) + " USING NULL");
    if (failure != null) {
      return bytes("pgvector is installed on " + store + ", but this role could not change "
          + entries + " to use it (" + failure + ")", configured);
    }
    log.info("{} - index entries now keep their vectors in pgvector's vector type", store);
    return new SearchSetup(pgvector, null, configured);
  }

  private static SearchSetup bytes(String withoutPgvector, boolean configured) {
    return new SearchSetup(new VectorStorage.Bytes(), withoutPgvector, configured);
  }

  /** The warning of a store without pgvector that searches by query. */
  void warn() {
    log.warn("{}: {}", withoutPgvector, BYTES_COST);
  }

  /**
   * The schema pgvector is installed in, installing it first when the server has it and this
   * role may; null without it.
   */
  private static @Nullable String installedPgvector(Connection c, String store)
      throws SQLException {
    String installed = pgvectorSchema(c);
    if (installed != null || !available(c)) {
      return installed;
    }
    String failure = attempt(c, "CREATE EXTENSION IF NOT EXISTS vector");
    if (failure != null) {
      log.info("{} - pgvector is available but could not be installed: {}", store, failure);
      return null;
    }
    log.info("{} - installed pgvector", store);
    return pgvectorSchema(c);
  }

  private static @Nullable String pgvectorSchema(Connection c) throws SQLException {
    return firstString(c, "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
        + " ON n.oid = e.extnamespace WHERE e.extname = 'vector'", null);
  }

  private static boolean available(Connection c) throws SQLException {
    return firstString(c, "SELECT name FROM pg_available_extensions WHERE name = 'vector'", null)
        != null;
  }

  private static ColumnType embeddingType(Connection c, String entries) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT t.typname, n.nspname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE a.attrelid = CAST(? AS regclass) AND a.attname = 'embedding'")) {
      ps.setString(1, entries);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(entries + " has no embedding column");
        }
        return new ColumnType(rs.getString(1), rs.getString(2));
      }
    }
  }

  /**
   * Runs DDL that this role may not be allowed to run, behind a savepoint so that a refusal
   * leaves the transaction usable.
   *
   * @return null when it ran, else the server's reason
   */
  static @Nullable String attempt(Connection c, String ddl) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
      c.releaseSavepoint(savepoint);
      return null;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw e; // the connection is gone, not the right
      }
      c.rollback(savepoint);
      return e.getMessage();
    }
  }

  private static @Nullable String firstString(Connection c, String sql, @Nullable String param)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** An identifier read from the catalog, quoted for SQL. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
