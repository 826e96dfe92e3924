package dev.engram.redis;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The search-by-query kit on the shared Redis server on loopback, with a key prefix per test whose
 * keys are deleted afterwards (the server is shared, so nothing is ever flushed).
 */
class RedisQueryConformanceTest extends QueryConformanceKit {
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
    prefix = RedisTests.uniquePrefix("query-kit");
    return RedisTests.sharedUri(prefix);
  }

  /** Batches are pipelined, not transactions. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }

  @AfterEach
  void deleteKeys() {
    if (prefix != null) {
      raw.deletePrefix(prefix);
      prefix = null;
    }
  }
}
