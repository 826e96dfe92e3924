package dev.engram.postgres;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Search by query on the real PostgreSQL server, a fresh schema per test. Without pgvector there
 * (Debian's server has none) this is the path that scores vectors in Java; {@link
 * PgvectorQueryConformanceTest} runs the same kit with pgvector.
 */
class PostgresQueryConformanceTest extends QueryConformanceKit {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @BeforeAll
  static void serverIsUp() {
    TestDatabase.requireServer();
  }

  @AfterAll
  static void dropSchemas() {
    SCHEMAS.dropAll();
  }

  @Override
  protected String freshStoreUri(Path tempDir) {
    return TestDatabase.uri(SCHEMAS.fresh());
  }
}
