package dev.engram.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Search by query and reindexing on the local three-master cluster. */
@ExtendWith(ClusterExtension.class)
class RedisClusterSearchTest extends RedisReindexContract {
  private static RawRedis raw;

  @BeforeAll
  static void connect() {
    raw = RawRedis.cluster(ClusterExtension.cluster().ports());
  }

  @AfterAll
  static void closeRaw() {
    if (raw != null) {
      raw.close();
    }
  }

  @Override
  protected String uri(String prefix) {
    return ClusterExtension.cluster().uri(prefix);
  }

  @Override
  protected RawRedis raw() {
    return raw;
  }
}
