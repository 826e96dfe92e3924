package dev.engram.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.core.Engram;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by schema version 1 (items only) gains the conversation and checkpoint tables,
 * then the search tables of version 3.
 */
class SchemaUpgradeTest {
  @TempDir Path dir;

  @Test
  void aVersionOneFileIsMigratedAndKeepsItsItems() throws Exception {
    String uri = "sqlite:" + dir.resolve("old.db");
    try (Store store = Engram.store(uri).backgroundSweep(false).open()) {
      store.put(Namespace.of("a"), "k", Map.of("kept", true));
    }
    // Back to what version 1 wrote: only the items table, without the search columns.
    try (Connection c = DriverManager.getConnection("jdbc:" + uri);
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER items_unindex");
      for (String table : List.of("messages", "conversations", "checkpoint_writes",
          "checkpoint_blobs", "checkpoints", "checkpoint_threads", "index_entries",
          "index_changes", "index_state", "settings")) {
        s.execute("DROP TABLE " + table);
      }
      s.execute("ALTER TABLE items DROP COLUMN index_model");
      s.execute("ALTER TABLE items DROP COLUMN index_fields");
      s.execute("PRAGMA user_version=1");
    }

    try (ConversationStore conversations = Engram.conversations(uri).backgroundSweep(false).open();
        CheckpointStore checkpoints = Engram.checkpoints(uri).backgroundSweep(false).open();
        Store store = Engram.store(uri).backgroundSweep(false).open()) {
      assertThat(conversations.append("c", Message.user("hi"))).isEqualTo(1);
      checkpoints.put(CheckpointConfig.of("t"), Checkpoint.of(Map.of()), Map.of());
      assertThat(checkpoints.stats().checkpoints()).isEqualTo(1);
      assertThat(store.get(Namespace.of("a"), "k")).isPresent();
    }
    try (Connection c = DriverManager.getConnection("jdbc:" + uri);
        Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).isEqualTo(Schema.CURRENT_VERSION).isEqualTo(3);
    }
  }
}
