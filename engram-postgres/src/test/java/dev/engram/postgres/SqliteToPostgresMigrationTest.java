package dev.engram.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.core.transfer.Exporter;
import dev.engram.core.transfer.Importer;
import dev.engram.testkit.MigrationDataSet;
import dev.engram.testkit.MigrationStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export into import, the path of {@code engram migrate}, from SQLite to PostgreSQL: all three
 * kinds verified by counts and spot checks, and a second run (as after an interruption) changes
 * nothing.
 */
class SqliteToPostgresMigrationTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @TempDir Path dir;

  private static void copy(MigrationStores from, MigrationStores to, int batchSize) {
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
    try (MigrationStores sqlite = MigrationStores.open("sqlite:" + dir.resolve("source.db"));
        MigrationStores postgres = MigrationStores.open(TestDatabase.uri(SCHEMAS.fresh()))) {
      MigrationDataSet.seed(sqlite.store(), sqlite.conversations(), sqlite.checkpoints());

      copy(sqlite, postgres, 7);
      postgres.verifyCopyOf(sqlite);
      Map<String, Long> once = postgres.counts();
      copy(sqlite, postgres, 500);

      assertThat(postgres.counts()).isEqualTo(once).isEqualTo(sqlite.counts());
      assertThat(once).containsValues((long) MigrationDataSet.CONVERSATIONS,
          (long) MigrationDataSet.MESSAGES, (long) MigrationDataSet.CHECKPOINTS);
    }
  }
}
