package dev.engram.postgres;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared conversation semantics, run against the real PostgreSQL server, a fresh schema per test. */
class PostgresConversationConformanceTest extends ConversationConformanceKit {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Override
  protected String freshStoreUri(Path tempDir) {
    return TestDatabase.uri(SCHEMAS.fresh());
  }
}
