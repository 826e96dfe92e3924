package dev.engram.server;

import java.nio.file.Path;

/** The search-by-query kit through client and server, the server on a real SQLite file. */
class QueryClientConformanceOnSqliteTest extends QueryClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
