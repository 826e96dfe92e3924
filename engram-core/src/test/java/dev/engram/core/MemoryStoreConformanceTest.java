package dev.engram.core;

import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;

/** The conformance kit on the in-memory backend, the reference every other backend must match. */
class MemoryStoreConformanceTest extends StoreConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }

  /** The memory backend has no transactions: a failing batch keeps what ran before it. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
