package dev.engram.redis;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conversation conformance kit on the shared Redis server on loopback, a key prefix per test. */
class RedisConversationConformanceTest extends ConversationConformanceKit {
  @RegisterExtension static final SharedServerPrefix KEYS = new SharedServerPrefix("conversation");

  @Override
  protected String freshStoreUri(Path tempDir) {
    return KEYS.freshUri();
  }
}
