package dev.engram.postgres;

import static dev.engram.postgres.IndexStorageTests.index;
import static dev.engram.postgres.IndexStorageTests.put;
import static dev.engram.postgres.PgFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.Filter;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import dev.engram.spi.Vectors;
import dev.engram.testkit.WordVectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a store takes to pgvector ({@link SearchSetup}), on PGlite, where the extension is
 * available but not installed until a store installs it.
 */
class PgvectorSetupTest {
  private static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static PgliteServer server;

  private final String schema = SCHEMAS.fresh();

  @BeforeAll
  static void startServer() {
    server = PgliteServer.shared();
  }

  @Test
  void vectorsAreKeptInPgvectorWithAnHnswIndexPerDimension() throws Exception {
    try (StoreBackend store = PgFixture.open(server.uri(schema))) {
      store.put(put("k", index("lighthouse keeper")));
    }
    assertThat(query("SELECT extname FROM pg_extension")).contains("vector");
    assertThat(embeddingType()).isEqualTo("vector");
    assertThat(query("SELECT indexdef FROM pg_indexes WHERE schemaname = '" + schema + "'"
        + " AND indexname = 'engram_index_entries_hnsw_" + WordVectors.DIMENSIONS + "'"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("USING hnsw", "vector_cosine_ops",
            "vector_dims(embedding) = " + WordVectors.DIMENSIONS);
  }

  @Test
  void vectorsWrittenAsBytesStayBytesUntilTheEntriesAreCleared() throws Exception {
    try (StoreBackend store = PgFixture.open(server.uri(schema))) {
      store.put(put("k", null));
    }
    // A store whose vectors were written before pgvector came: the column as it was created,
    // and an entry in it.
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + schema + ".engram_index_entries ALTER COLUMN embedding"
          + " TYPE bytea USING NULL");
      s.execute("UPDATE " + schema + ".engram_items SET index_model = '" + WordVectors.ID
          + "', index_words = 2");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema
          + ".engram_index_entries VALUES ('docs', 'k', 1, 'text', 'lighthouse keeper',"
          + " 'lighthouse:1 keeper:1', ?)")) {
        ps.setBytes(1, Vectors.toBytes(WordVectors.model().embed("lighthouse keeper")));
        ps.execute();
      }
    }
    try (StoreBackend store = PgFixture.open(server.uri(schema))) {
      store.put(put("other", index("harbour pilot")));
    }
    try (StoreBackend store = PgFixture.open(server.uri(schema))) {
      assertThat(vectorSearch(store, "lighthouse keeper")).containsExactly("k", "other");
    }
    assertThat(embeddingType()).isEqualTo("bytea");

    execute("DELETE FROM " + schema + ".engram_index_entries");
    try (StoreBackend store = PgFixture.open(server.uri(schema))) {
      store.reindexItem(IndexStorageTests.NS, "k", 1, index("lighthouse keeper"), T0);
      assertThat(vectorSearch(store, "lighthouse keeper")).containsExactly("k");
    }
    assertThat(embeddingType()).isEqualTo("vector");
  }

  private static List<String> vectorSearch(StoreBackend store, String text) {
    SearchCommand scope = new SearchCommand(Namespace.root(), Filter.all(), 0, 10, T0, false);
    List<SearchItem> found = store.query(new QueryCommand(scope, text,
        WordVectors.model().embed(text), SearchMode.VECTOR, WordVectors.ID));
    return found.stream().map(SearchItem::key).toList();
  }

  private String embeddingType() throws Exception {
    return query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
        + schema + ".engram_index_entries'::regclass AND attname = 'embedding'").get(0);
  }

  private static List<String> query(String sql) throws SQLException, InterruptedException {
    List<String> rows = new ArrayList<>();
    try (Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private void execute(String sql) throws SQLException, InterruptedException {
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
