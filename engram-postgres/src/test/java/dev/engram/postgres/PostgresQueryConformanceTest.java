package dev.engram.postgres;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search by query on the real PostgreSQL server, a fresh schema per test. Without pgvector there
 * (Debian's server has none) this is the path that scores vectors in Java; {@link
 * PgvectorQueryConformanceTest} runs the same kit with pgvector.
 */
class PostgresQueryConformanceTest extends QueryConformanceKit {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Override
  protected String freshStoreUri(Path tempDir) {
    return TestDatabase.uri(SCHEMAS.fresh());
  }
}
