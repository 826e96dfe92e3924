package dev.engram.redis;

import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit on a local three-master Redis Cluster that the tests start themselves: every
 * script must find all its keys in one slot, and namespaces spread over the three nodes. The
 * cluster is private and discarded after the run, so keys are not cleaned up one by one.
 */
@ExtendWith(ClusterExtension.class)
class RedisClusterStoreConformanceTest extends StoreConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return ClusterExtension.cluster().uri(RedisTests.uniquePrefix("cluster-kit"));
  }

  /** On Cluster a batch spans nodes: it is pipelined, not a transaction. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
