package dev.engram.core;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;

/**
 * Search by query on the in-memory backend as engram-core alone runs it: exact scoring of every
 * candidate, the reference the indexed backends are compared with.
 */
class MemoryQueryConformanceTest extends QueryConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }

  @Override
  protected boolean persistent() {
    return false;
  }
}
