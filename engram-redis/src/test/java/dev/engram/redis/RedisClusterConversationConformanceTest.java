package dev.engram.redis;

import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conversation conformance kit on the local three-master Redis Cluster the tests start: every
 * script must find all its keys in the slot of one conversation (or the registry), and the
 * conversations spread over the nodes. The cluster is private and discarded after the run.
 */
@ExtendWith(ClusterExtension.class)
class RedisClusterConversationConformanceTest extends ConversationConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return ClusterExtension.cluster().uri(RedisTests.uniquePrefix("cluster-conversation"));
  }
}
