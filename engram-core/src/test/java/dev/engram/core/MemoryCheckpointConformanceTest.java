package dev.engram.core;

import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;

/** The checkpoint kit on the in-memory backend, the reference every other backend must match. */
class MemoryCheckpointConformanceTest extends CheckpointConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }
}
