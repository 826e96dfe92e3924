package dev.engram.postgres;

import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared store semantics, run against the real PostgreSQL server, a fresh schema per test. */
class PostgresStoreConformanceTest extends StoreConformanceKit {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Override
  protected String freshStoreUri(Path tempDir) {
    return TestDatabase.uri(SCHEMAS.fresh());
  }
}
