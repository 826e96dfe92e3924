package dev.engram.redis;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conversation conformance kit on the shared Redis server on loopback. Each test gets a key
 * prefix of its own and its keys are deleted afterwards (SCAN and DEL on that prefix only: the
 * server is shared, so nothing is ever flushed).
 */
class RedisConversationConformanceTest extends ConversationConformanceKit {
  private static @Nullable RawRedis raw;
  private @Nullable String prefix;

  @BeforeAll
  static void requireServer() {
    RedisTests.requireSharedServer();
    raw = RawRedis.server(RedisTests.PORT);
  }

  @AfterAll
  static void closeRaw() {
    if (raw != null) {
      raw.close();
    }
  }

  @Override
  protected String freshStoreUri(Path tempDir) {
    prefix = RedisTests.uniquePrefix("conversation");
    return RedisTests.sharedUri(prefix);
  }

  @AfterEach
  void deleteKeys() {
    if (prefix != null) {
      raw.deletePrefix(prefix);
      prefix = null;
    }
  }
}
