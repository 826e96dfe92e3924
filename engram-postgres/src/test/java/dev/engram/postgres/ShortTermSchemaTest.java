package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.spi.BackendUri;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.MessageCodec;
import dev.engram.spi.StoreBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema step that adds conversations and checkpoints: a store made by the previous version
 * (items only) is upgraded in place, its items kept, when conversations are first opened on it.
 */
class ShortTermSchemaTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Test
  void aVersionOneSchemaIsUpgradedAndKeepsItsItems() throws SQLException {
    String schema = SCHEMAS.fresh();
    String uri = TestDatabase.uri(schema);
    try (StoreBackend store = PgFixture.open(uri)) {
      store.put(PgFixture.put(Namespace.of("users"), "alice", Map.of("a", 1), T0));
    }
    // What version 1 left behind: the item table only, without the index columns of version 3.
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement()) {
      for (String table : List.of("engram_index_entries", "engram_settings",
          "engram_messages", "engram_conversations",
          "engram_checkpoint_writes", "engram_checkpoint_blobs", "engram_checkpoints",
          "engram_checkpoint_threads")) {
        s.execute("DROP TABLE " + schema + "." + table);
      }
      s.execute("ALTER TABLE " + schema + ".engram_items DROP COLUMN index_model,"
          + " DROP COLUMN index_fields, DROP COLUMN index_words");
      s.execute("UPDATE " + schema + ".engram_schema SET version = 1");
    }

    try (ConversationBackend conversations =
        new PostgresBackendProvider().openConversations(BackendUri.parse(uri))) {
      Message message = Message.builder(Role.USER, "hi").id("m1").timestamp(T0).build();
      EncodedMessage encoded = new EncodedMessage(message, MessageCodec.encode(message));
      assertThat(conversations.append("c", List.of(encoded, encoded), true, null, T0))
          .isEqualTo(1);
      assertThat(conversations.load("c", LoadOptions.defaults(), T0).messages())
          .containsExactly(message);
      EncodedValue metadata = JsonCodec.encode(Map.of("user", "bob"), "metadata");
      assertThat(conversations.save("c", List.of(), metadata, null, T0).messageCount()).isZero();
    }
    try (StoreBackend store = PgFixture.open(uri)) {
      assertThat(store.get(Namespace.of("users"), "alice", T0, false)).isNotNull();
    }
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + schema + ".engram_schema")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(Schema.CURRENT_VERSION);
    }
  }
}
