package dev.engram.redis;

import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checkpoint conformance kit on the shared Redis server on loopback, a key prefix per test. */
class RedisCheckpointConformanceTest extends CheckpointConformanceKit {
  @RegisterExtension static final SharedServerPrefix KEYS = new SharedServerPrefix("checkpoint");

  @Override
  protected String freshStoreUri(Path tempDir) {
    return KEYS.freshUri();
  }
}
