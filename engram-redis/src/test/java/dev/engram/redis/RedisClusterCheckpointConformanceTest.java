package dev.engram.redis;

import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checkpoint conformance kit on the local three-master Redis Cluster the tests start: every
 * script must find all its keys in the slot of one checkpoint thread (or the registry), and the
 * checkpoints spread over the nodes. The cluster is private and discarded after the run.
 */
@ExtendWith(ClusterExtension.class)
class RedisClusterCheckpointConformanceTest extends CheckpointConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return ClusterExtension.cluster().uri(RedisTests.uniquePrefix("cluster-checkpoint"));
  }
}
