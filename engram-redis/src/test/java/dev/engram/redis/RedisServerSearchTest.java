package dev.engram.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Search by query and reindexing on the shared server on loopback. */
class RedisServerSearchTest extends RedisReindexContract {
  private static RawRedis raw;

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
  protected String uri(String prefix) {
    return RedisTests.sharedUri(prefix);
  }

  @Override
  protected RawRedis raw() {
    return raw;
  }
}
