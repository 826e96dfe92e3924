package dev.engram.server;

import dev.engram.conversation.ConversationStore;
import dev.engram.core.ConversationStoreBuilder;
import dev.engram.testkit.ConversationConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The conversation conformance kit through HTTP: each store the kit opens behind its own server. */
abstract class ConversationClientConformance extends ConversationConformanceKit {
  @TempDir Path keysDir;
  private KitServers servers;

  @Override
  protected ConversationStore openConversations(ConversationStoreBuilder builder) {
    if (servers == null) {
      servers = new KitServers(keysDir);
    }
    return servers.serve(builder.open()).conversations();
  }

  @AfterEach
  void stopServers() throws Exception {
    if (servers != null) {
      servers.close();
      servers = null;
    }
  }

}
