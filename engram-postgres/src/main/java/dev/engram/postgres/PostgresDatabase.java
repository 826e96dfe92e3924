package dev.engram.postgres;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening one kind of storage (store, conversations, checkpoints) on a schema: its own pool, and
 * the schema created or migrated first. Every kind migrates the whole schema, so whichever opens
 * first brings all tables to the current version; the advisory lock in {@link Schema#migrate} lets
 * the others find it current.
 */
final class PostgresDatabase {
  private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

  private PostgresDatabase() {}

  /**
   * Starts the pool and migrates the schema; fails when the database is unreachable.
   *
   * @param kind what is opened, for the log, e.g. {@code "conversations"}
   */
  static Connections open(PostgresSettings settings, String kind) {
    Failures failures = new Failures(settings);
    Connections connections;
    try {
      connections = Connections.open(settings);
    } catch (RuntimeException e) {
      throw failures.cannotConnect(e);
    }
    try {
      connections.run(
          c -> {
            Schema.migrate(c, settings.schema(), settings.storeName());
            return null;
          });
    } catch (SQLException e) {
      connections.close();
      throw failures.of("opening (schema check)", e);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    log.info("{} - {} opened (schema version {}, up to {} connections)", settings.storeName(),
        kind, Schema.CURRENT_VERSION, settings.poolSize());
    return connections;
  }
}
