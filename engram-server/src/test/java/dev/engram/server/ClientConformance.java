package dev.engram.server;

import dev.engram.Store;
import dev.engram.client.EngramClient;
import dev.engram.core.StoreBuilder;
import dev.engram.testkit.StoreConformanceKit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit through HTTP: every store the kit opens is served by its own server on a
 * free loopback port, built from the kit's builder (so the test clock and settings reach the
 * server-side store), and the kit talks to it through {@link EngramClient}.
 */
abstract class ClientConformance extends StoreConformanceKit {
  private final List<AutoCloseable> servers = new ArrayList<>();
  @TempDir Path keysDir;

  @Override
  protected Store openStore(StoreBuilder builder) {
    Store served = builder.open();
    ServerConfig config = ServerConfig.defaults().with(Map.of(
        "port", "0",
        "keys-file", keysDir.resolve("api-keys.json").toString(),
        "sweep-interval", "off",
        // Keep-alive connections idle at shutdown close after half of this, not a second.
        "shutdown-timeout", "200ms"));
    EngramServer server = EngramServer.start(config, served);
    servers.add(served);
    servers.add(server);
    return EngramClient.builder(server.uri().toString()).build().store();
  }

  @AfterEach
  void stopServers() throws Exception {
    for (int i = servers.size() - 1; i >= 0; i--) {
      servers.get(i).close();
    }
    servers.clear();
  }
}
