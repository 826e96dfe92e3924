package dev.engram.postgres;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * Search by query with pgvector: the kit against PostgreSQL 18 and pgvector 0.8 in PGlite ({@link
 * PgliteServer}), a fresh schema per test. The server takes one client at a time, so the kit runs
 * as for a store that is not reopened while open ({@link #persistent}): reopening is covered on
 * the real server by {@link PostgresQueryConformanceTest}.
 */
class PgvectorQueryConformanceTest extends QueryConformanceKit {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static PgliteServer server;

  @BeforeAll
  static void startServer() {
    server = PgliteServer.shared();
  }

  @Override
  protected String freshStoreUri(Path tempDir) {
    return server.uri(SCHEMAS.fresh());
  }

  /** A second store on the URI would need a second client. */
  @Override
  protected boolean persistent() {
    return false;
  }
}
