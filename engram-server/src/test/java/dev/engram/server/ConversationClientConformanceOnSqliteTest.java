package dev.engram.server;

import java.nio.file.Path;

/** The conversation kit through client and server, the server on a real SQLite file. */
class ConversationClientConformanceOnSqliteTest extends ConversationClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
