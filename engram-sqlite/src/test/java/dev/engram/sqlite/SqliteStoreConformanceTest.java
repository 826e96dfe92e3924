package dev.engram.sqlite;

import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;

/** The shared store semantics, run against a real SQLite file per test. */
class SqliteStoreConformanceTest extends StoreConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
