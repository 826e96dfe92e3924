package dev.engram.server;

import dev.engram.checkpoint.CheckpointStore;
import dev.engram.core.CheckpointStoreBuilder;
import dev.engram.testkit.CheckpointConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint conformance kit through HTTP: each store the kit opens behind its own server. */
abstract class CheckpointClientConformance extends CheckpointConformanceKit {
  @TempDir Path keysDir;
  private KitServers servers;

  @Override
  protected CheckpointStore openCheckpoints(CheckpointStoreBuilder builder) {
    if (servers == null) {
      servers = new KitServers(keysDir);
    }
    return servers.serve(builder.open()).checkpoints();
  }

  @AfterEach
  void stopServers() throws Exception {
    if (servers != null) {
      servers.close();
      servers = null;
    }
  }

}
