package dev.engram.postgres;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QueryEquivalenceTests} on the real PostgreSQL server: vectors scored in Java. */
class PostgresQueryEquivalenceTest extends QueryEquivalenceTests {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Override
  String freshUri() {
    return TestDatabase.uri(SCHEMAS.fresh());
  }

  @Override
  boolean exactVectors() {
    return true;
  }
}
