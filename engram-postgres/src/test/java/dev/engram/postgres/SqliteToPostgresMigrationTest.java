package dev.engram.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import dev.engram.core.transfer.DataCounts;
import dev.engram.core.transfer.Exporter;
import dev.engram.core.transfer.Importer;
import dev.engram.testkit.MigrationDataSet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export into import, the path of {@code engram migrate}, from SQLite to PostgreSQL: all three
 * kinds verified by counts and spot checks, and a second run (as after an interruption) changes
 * nothing.
 */
class SqliteToPostgresMigrationTest {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @TempDir Path dir;

  @BeforeAll
  static void serverIsUp() {
    TestDatabase.requireServer();
  }

  @AfterAll
  static void dropSchemas() {
    SCHEMAS.dropAll();
  }

  /** The three stores of one URI. */
  private record Memories(Store store, ConversationStore conversations,
      CheckpointStore checkpoints) implements AutoCloseable {
    static Memories open(String uri) {
      return new Memories(Engram.store(uri).backgroundSweep(false).open(),
          Engram.conversations(uri).backgroundSweep(false).open(),
          Engram.checkpoints(uri).backgroundSweep(false).open());
    }

    Map<String, Long> counts() {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.putAll(DataCounts.store(store, Namespace.root()));
      counts.putAll(DataCounts.conversations(conversations));
      counts.putAll(DataCounts.checkpoints(checkpoints));
      return counts;
    }

    @Override
    public void close() {
      checkpoints.close();
      conversations.close();
      store.close();
    }
  }

  private static void copy(Memories from, Memories to, int batchSize) {
    Importer importer = new Importer(to::store, to::conversations, to::checkpoints);
    Exporter exporter = new Exporter(batchSize, Clock.systemUTC(),
        record -> importer.accept(record, "record"), (kind, token, units) -> importer.flush());
    exporter.store(from.store(), Namespace.root(), null);
    exporter.conversations(from.conversations(), null);
    exporter.checkpoints(from.checkpoints(), null);
    importer.flush();
  }

  @Test
  void sqliteToPostgresCopiesEveryKindAndAgainChangesNothing() {
    try (Memories sqlite = Memories.open("sqlite:" + dir.resolve("source.db"));
        Memories postgres = Memories.open(TestDatabase.uri(SCHEMAS.fresh()))) {
      MigrationDataSet.seed(sqlite.store(), sqlite.conversations(), sqlite.checkpoints());

      copy(sqlite, postgres, 7);
      MigrationDataSet.verifyCopy(sqlite.store(), sqlite.conversations(), sqlite.checkpoints(),
          postgres.store(), postgres.conversations(), postgres.checkpoints());
      Map<String, Long> once = postgres.counts();
      copy(sqlite, postgres, 500);

      assertThat(postgres.counts()).isEqualTo(once).isEqualTo(sqlite.counts());
      assertThat(once).containsValues((long) MigrationDataSet.CONVERSATIONS,
          (long) MigrationDataSet.MESSAGES, (long) MigrationDataSet.CHECKPOINTS);
    }
  }
}
