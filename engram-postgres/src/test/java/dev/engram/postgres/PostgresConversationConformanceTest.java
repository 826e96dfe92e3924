package dev.engram.postgres;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared conversation semantics, run against the real PostgreSQL server, a fresh schema per test. */
class PostgresConversationConformanceTest extends ConversationConformanceKit {
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
