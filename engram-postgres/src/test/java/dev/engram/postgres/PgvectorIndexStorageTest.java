package dev.engram.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;

/** {@link IndexStorageTests} with pgvector, on PGlite ({@link PgliteServer}). */
class PgvectorIndexStorageTest extends IndexStorageTests {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static PgliteServer server;

  @BeforeAll
  static void startServer() {
    server = PgliteServer.shared();
  }

  @Override
  String newSchema() {
    return SCHEMAS.fresh();
  }

  @Override
  String uri(String schema) {
    return server.uri(schema);
  }

  @Override
  Connection connect() throws SQLException, InterruptedException {
    return server.connect();
  }
}
