package dev.engram.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link IndexStorageTests} on the real PostgreSQL server: vectors as bytes. */
class PostgresIndexStorageTest extends IndexStorageTests {
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
  String newSchema() {
    return SCHEMAS.fresh();
  }

  @Override
  String uri(String schema) {
    return TestDatabase.uri(schema);
  }

  @Override
  Connection connect() throws SQLException {
    return TestDatabase.connect();
  }
}
