package dev.engram.server;

import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.client.EngramClient;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Servers for the conformance kits: each store a kit opens is served by its own server on a free
 * loopback port (so the kit's clock and settings reach the server-side store, and two stores a
 * test opens stay as separate as they are locally), and the kit talks to it through {@link
 * EngramClient}. The kinds a server does not test are fresh memory stores.
 */
final class KitServers implements AutoCloseable {
  private final Path keysDir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  KitServers(Path keysDir) {
    this.keysDir = keysDir;
  }

  EngramClient serve(Store store) {
    return serve(store, memoryConversations(), memoryCheckpoints());
  }

  EngramClient serve(ConversationStore conversations) {
    return serve(Engram.store("memory:").open(), conversations, memoryCheckpoints());
  }

  EngramClient serve(CheckpointStore checkpoints) {
    return serve(Engram.store("memory:").open(), memoryConversations(), checkpoints);
  }

  private EngramClient serve(
      Store store, ConversationStore conversations, CheckpointStore checkpoints) {
    opened.add(store);
    opened.add(conversations);
    opened.add(checkpoints);
    EngramServer server = EngramServer.start(config(keysDir), store, conversations, checkpoints);
    opened.add(server);
    return EngramClient.builder(server.uri().toString()).build();
  }

  static ServerConfig config(Path keysDir) {
    return ServerConfig.defaults().with(Map.of(
        "port", "0",
        "keys-file", keysDir.resolve("api-keys.json").toString(),
        "sweep-interval", "off",
        // Keep-alive connections idle at shutdown close after half of this, not a second.
        "shutdown-timeout", "200ms"));
  }

  private static ConversationStore memoryConversations() {
    return Engram.conversations("memory:").backgroundSweep(false).open();
  }

  private static CheckpointStore memoryCheckpoints() {
    return Engram.checkpoints("memory:").backgroundSweep(false).open();
  }

  /** Stops the servers, then closes their stores, newest first. */
  @Override
  public void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
  }
}
