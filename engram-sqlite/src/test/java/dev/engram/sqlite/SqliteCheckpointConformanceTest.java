package dev.engram.sqlite;

import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;

/** The shared checkpoint semantics, run against a real SQLite file per test. */
class SqliteCheckpointConformanceTest extends CheckpointConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "sqlite:" + tempDir.resolve("engram.db");
  }
}
