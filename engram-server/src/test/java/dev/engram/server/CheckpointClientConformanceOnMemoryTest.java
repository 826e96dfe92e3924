package dev.engram.server;

import java.nio.file.Path;

/** The checkpoint kit through client and server, the server on the in-memory backend. */
class CheckpointClientConformanceOnMemoryTest extends CheckpointClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }
}
