package dev.engram.core;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;

/** The conversation kit on the in-memory backend, the reference every other backend must match. */
class MemoryConversationConformanceTest extends ConversationConformanceKit {
  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }
}
