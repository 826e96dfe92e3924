package dev.engram.redis;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The search-by-query kit on the shared Redis server on loopback, a key prefix per test. */
class RedisQueryConformanceTest extends QueryConformanceKit {
  @RegisterExtension static final SharedServerPrefix KEYS = new SharedServerPrefix("query-kit");

  @Override
  protected String freshStoreUri(Path tempDir) {
    return KEYS.freshUri();
  }

  /** Batches are pipelined, not transactions. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
