package dev.engram.redis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives test classes one local Redis Cluster for the whole test run: started by the first class
 * that needs it, stopped when the run ends (JUnit closes resources of the root store then).
 * Without redis-server the classes are skipped, or fail when {@code CI=true}.
 */
final class ClusterExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterExtension.class);
  private static volatile LocalRedisCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    RedisTests.requireBinaries();
    Running running =
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
            "cluster", key -> new Running(), Running.class);
    cluster = running.cluster;
  }

  /** The running cluster; only valid in classes extended with this extension. */
  static LocalRedisCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("no cluster: extend the test class with ClusterExtension");
    }
    return cluster;
  }

  @SuppressWarnings("deprecation")
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final LocalRedisCluster cluster;

    Running() {
      try {
        cluster = LocalRedisCluster.start();
      } catch (Exception e) {
        throw new IllegalStateException("could not start a local Redis Cluster: " + e, e);
      }
    }

    @Override
    public void close() throws Exception {
      cluster.close();
    }
  }
}
