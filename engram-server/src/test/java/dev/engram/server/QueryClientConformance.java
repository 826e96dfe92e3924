package dev.engram.server;

import dev.engram.Store;
import dev.engram.core.StoreBuilder;
import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search-by-query kit through HTTP: each store the kit opens behind its own server, so the
 * kit's embedder (or another model, where a case opens one) is the server's.
 */
abstract class QueryClientConformance extends QueryConformanceKit {
  @TempDir Path keysDir;
  private KitServers servers;

  @Override
  protected Store openStore(StoreBuilder builder) {
    if (servers == null) {
      servers = new KitServers(keysDir);
    }
    return servers.serve(builder.open()).store();
  }

  @AfterEach
  void stopServers() throws Exception {
    if (servers != null) {
      servers.close();
      servers = null;
    }
  }
}
