package dev.engram.redis;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The search-by-query kit on the local three-master Redis Cluster: the candidates of one query
 * come from namespaces on several nodes.
 */
@ExtendWith(ClusterExtension.class)
class RedisClusterQueryConformanceTest extends QueryConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return ClusterExtension.cluster().uri(RedisTests.uniquePrefix("cluster-query-kit"));
  }

  /** On Cluster a batch spans nodes: it is pipelined, not a transaction. */
  @Override
  protected boolean transactionalBatches() {
    return false;
  }
}
