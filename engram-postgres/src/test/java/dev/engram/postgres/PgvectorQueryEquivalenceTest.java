package dev.engram.postgres;

import org.junit.jupiter.api.BeforeAll;

/** {@link QueryEquivalenceTests} with pgvector, on PGlite ({@link PgliteServer}). */
class PgvectorQueryEquivalenceTest extends QueryEquivalenceTests {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static PgliteServer server;

  @BeforeAll
  static void startServer() {
    server = PgliteServer.shared();
  }

  @Override
  String freshUri() {
    return server.uri(SCHEMAS.fresh());
  }

  @Override
  boolean exactVectors() {
    return false;
  }
}
