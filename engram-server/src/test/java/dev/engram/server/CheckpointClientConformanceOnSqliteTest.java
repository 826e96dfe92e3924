package dev.engram.server;

import java.nio.file.Path;

/** The checkpoint kit through client and server, the server on a real SQLite file. */
class CheckpointClientConformanceOnSqliteTest extends CheckpointClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
