package dev.engram.server;

import java.nio.file.Path;

/** The kit through client and server, the server on a real SQLite file. */
class ClientConformanceOnSqliteTest extends ClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
