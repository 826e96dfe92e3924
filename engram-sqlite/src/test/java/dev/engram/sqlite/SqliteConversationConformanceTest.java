package dev.engram.sqlite;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;

/** The shared conversation semantics, run against a real SQLite file per test. */
class SqliteConversationConformanceTest extends ConversationConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
