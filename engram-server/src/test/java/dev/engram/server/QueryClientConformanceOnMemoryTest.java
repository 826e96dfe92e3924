package dev.engram.server;

import java.nio.file.Path;

/** The search-by-query kit through client and server, the server on the in-memory backend. */
class QueryClientConformanceOnMemoryTest extends QueryClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }

  @Override
  protected boolean persistent() {
    return false;
  }

  /** The memory backend has no transactions; the server passes that through unchanged. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
