package dev.engram.redis;

import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit on the shared Redis server on loopback, a key prefix per test. */
class RedisStoreConformanceTest extends StoreConformanceKit {
  @RegisterExtension static final SharedServerPrefix KEYS = new SharedServerPrefix("kit");

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
