package dev.engram.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IndexStorageTests} on the real PostgreSQL server: vectors as bytes. */
class PostgresIndexStorageTest extends IndexStorageTests {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

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
