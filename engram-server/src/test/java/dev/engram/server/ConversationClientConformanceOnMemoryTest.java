package dev.engram.server;

import java.nio.file.Path;

/** The conversation kit through client and server, the server on the in-memory backend. */
class ConversationClientConformanceOnMemoryTest extends ConversationClientConformance {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }
}
