package dev.engram.sqlite;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;

/** Search by query on a real SQLite file, through the Lucene index beside it. */
class SqliteQueryConformanceTest extends QueryConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
