package dev.engram.server;

import java.nio.file.Path;

/** The kit through client and server, the server on the in-memory backend. */
class ClientConformanceOnMemoryTest extends ClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }

  /** The memory backend has no transactions; the server passes that through unchanged. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
