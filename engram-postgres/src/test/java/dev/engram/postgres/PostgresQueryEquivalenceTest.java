package dev.engram.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link QueryEquivalenceTests} on the real PostgreSQL server: vectors scored in Java. */
class PostgresQueryEquivalenceTest extends QueryEquivalenceTests {
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
  String freshUri() {
    return TestDatabase.uri(SCHEMAS.fresh());
  }

  @Override
  boolean exactVectors() {
    return true;
  }
}
