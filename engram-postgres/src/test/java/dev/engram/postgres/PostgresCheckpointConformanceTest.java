package dev.engram.postgres;

import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared checkpoint semantics, run against the real PostgreSQL server, a fresh schema per test. */
class PostgresCheckpointConformanceTest extends CheckpointConformanceKit {
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
