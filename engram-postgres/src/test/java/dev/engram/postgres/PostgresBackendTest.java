package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static dev.engram.postgres.PgFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.BackendUnavailableException;
import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.spi.Filter;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the conformance kit cannot see: schema handling, index use, limits of PostgreSQL itself. */
@Timeout(60)
class PostgresBackendTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  @Test
  void namesTheStoreWithoutThePassword() {
    String schema = SCHEMAS.fresh();
    try (StoreBackend store =
        PgFixture.open("postgres://postgres:not-needed@127.0.0.1:5432/test?schema=" + schema)) {
      assertThat(store.name())
          .isEqualTo("postgresql://postgres@127.0.0.1:5432/test?schema=" + schema)
          .doesNotContain("not-needed");
      assertThat(store.transactional()).isTrue();
    }
  }

  @Test
  void severalStoresOpeningOneFreshSchemaAtOnceAllSucceed() throws Exception {
    String schema = SCHEMAS.fresh();
    int stores = 8;
    CyclicBarrier together = new CyclicBarrier(stores);
    ExecutorService pool = Executors.newFixedThreadPool(stores);
    List<Future<StoreBackend>> opened = new ArrayList<>();
    try {
      for (int i = 0; i < stores; i++) {
        opened.add(pool.submit(() -> {
          together.await();
          return PgFixture.open(TestDatabase.uri(schema, "poolSize=2"));
        }));
      }
      List<StoreBackend> backends = new ArrayList<>();
      for (Future<StoreBackend> f : opened) {
        backends.add(f.get(30, TimeUnit.SECONDS));
      }
      for (int i = 0; i < stores; i++) {
        backends.get(i).put(put(Namespace.of("s"), "k" + i, Map.of("i", i), T0));
      }
      assertThat(backends.get(0).search(
          new SearchCommand(Namespace.root(), Filter.all(), 0, 100, T0, false))).hasSize(stores);
      backends.forEach(StoreBackend::close);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + schema + ".engram_schema")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(Schema.CURRENT_VERSION);
      assertThat(rs.next()).as("one version row").isFalse();
    }
  }

  @Test
  void schemaOfANewerEngramIsRefused() throws SQLException {
    String schema = SCHEMAS.fresh();
    PgFixture.open(TestDatabase.uri(schema)).close();
    execute("UPDATE " + schema + ".engram_schema SET version = 99");
    assertThatThrownBy(() -> PgFixture.open(TestDatabase.uri(schema)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining(schema);
  }

  @Test
  void storesInDifferentSchemasOfOneDatabaseAreSeparate() {
    try (StoreBackend a = PgFixture.open(TestDatabase.uri(SCHEMAS.fresh()));
        StoreBackend b = PgFixture.open(TestDatabase.uri(SCHEMAS.fresh()))) {
      a.put(put(Namespace.of("x"), "k", Map.of("in", "a"), T0));
      assertThat(a.get(Namespace.of("x"), "k", T0, false)).isNotNull();
      assertThat(b.get(Namespace.of("x"), "k", T0, false)).isNull();
    }
  }

  /** LangGraph's PostgresStore matched "foobar" for the prefix "foo"; here no label ever leaks. */
  @Test
  void namespacePrefixNeverLeaksAcrossLabelBoundaries() {
    try (Store store = Engram.store(TestDatabase.uri(SCHEMAS.fresh())).open()) {
      for (String ns : List.of("foo", "foobar", "foo.bar", "foo-x", "foo/x", "fo", "foo.bar.baz",
          "foo\u00e9", "foo!")) {
        store.put(Namespace.parse(ns), "k", Map.of("ns", ns));
      }
      List<String> under = new ArrayList<>();
      store.search(SearchRequest.builder().namespacePrefix(Namespace.of("foo")).limit(100).build())
          .forEach(item -> under.add(item.namespace().toString()));
      assertThat(under).containsExactlyInAnyOrder("foo", "foo.bar", "foo.bar.baz");
      assertThat(store.listNamespaces(
          dev.engram.NamespaceQuery.builder().prefix(Namespace.of("foo")).build()))
          .containsExactly(Namespace.of("foo"), Namespace.parse("foo.bar"),
              Namespace.parse("foo.bar.baz"));
      assertThat(store.listNamespaces(dev.engram.NamespaceQuery.all()))
          .extracting(Namespace::toString)
          .containsExactly("fo", "foo", "foo!", "foo-x", "foo.bar", "foo.bar.baz", "foo/x",
              "foobar", "foo\u00e9");
    }
  }

  @Test
  void valuesJsonbCannotHoldStillRoundTripAndFilterExactly() throws SQLException {
    String schema = SCHEMAS.fresh();
    try (StoreBackend store = PgFixture.open(TestDatabase.uri(schema))) {
      Namespace ns = Namespace.of("odd");
      BigDecimal huge = new BigDecimal("1E+200000");
      BigDecimal tiny = new BigDecimal("1E-20000");
      store.put(put(ns, "nul", Map.of("s", "a\u0000b", "n", 5), T0));
      store.put(put(ns, "nulKey", Map.of("k\u0000", 1, "n", 5), T0));
      store.put(put(ns, "huge", Map.of("n", huge), T0));
      store.put(put(ns, "tiny", Map.of("n", tiny), T0));
      store.put(put(ns, "plain", Map.of("s", "ab", "n", 5), T0));

      assertThat(store.get(ns, "nul", T0, false).value()).containsEntry("s", "a\u0000b");
      assertThat(store.get(ns, "huge", T0, false).value().get("n")).isEqualTo(huge);
      assertThat(store.get(ns, "tiny", T0, false).value().get("n")).isEqualTo(tiny);
      assertThat(keysWhere(schema, "NOT filterable"))
          .containsExactlyInAnyOrder("nul", "nulKey", "huge", "tiny");

      assertThat(keys(store, Map.of("s", "a\u0000b"))).containsExactly("nul");
      assertThat(keys(store, Map.of("s", Map.of("$gt", "a")))).containsExactlyInAnyOrder("nul",
          "plain");
      assertThat(keys(store, Map.of("n", Map.of("$gt", 5)))).containsExactly("huge");
      assertThat(keys(store, Map.of("n", Map.of("$lt", 1)))).containsExactly("tiny");
      assertThat(keys(store, Map.of("n", 5))).containsExactlyInAnyOrder("nul", "nulKey", "plain");
      assertThat(keys(store, Map.of("k\u0000", Map.of("$exists", true))))
          .containsExactly("nulKey");
    }
  }

  private static List<String> keys(StoreBackend store, Map<String, Object> filter) {
    return store.search(new SearchCommand(Namespace.root(), Filter.parse(filter), 0, 100, T0,
            false)).stream().map(Item::key).toList();
  }

  @Test
  void addressTooLongForThePrimaryKeyIsInvalidInputAndWritesNothing() {
    try (Store store = Engram.store(TestDatabase.uri(SCHEMAS.fresh())).open()) {
      // Random CJK text does not compress, so 4 labels of 256 of them exceed a B-tree entry.
      Random random = new Random(7);
      List<String> labels = new ArrayList<>();
      for (int l = 0; l < 4; l++) {
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < 256; i++) {
          label.append((char) (0x4E00 + random.nextInt(20_000)));
        }
        labels.add(label.toString());
      }
      Namespace ns = Namespace.of(labels);
      assertThatThrownBy(() -> store.put(ns, "k", Map.of("a", 1)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("too long for PostgreSQL's index");
      assertThat(store.get(ns, "k")).isEmpty();
    }
  }

  @Test
  void sweepDeletesAtMostItsLimitPerRound() {
    try (StoreBackend store = PgFixture.open(TestDatabase.uri(SCHEMAS.fresh()))) {
      for (int i = 0; i < 5; i++) {
        store.put(put(Namespace.of("t"), "e" + i, Map.of(), T0, Duration.ofSeconds(1), null));
      }
      store.put(put(Namespace.of("t"), "live", Map.of(), T0, Duration.ofHours(1), null));
      var later = T0.plusSeconds(10);
      assertThat(store.deleteExpired(later, 2)).isEqualTo(2);
      assertThat(store.deleteExpired(later, 2)).isEqualTo(2);
      assertThat(store.deleteExpired(later, 2)).isEqualTo(1);
      assertThat(store.deleteExpired(later, 2)).isZero();
      assertThat(store.get(Namespace.of("t"), "live", later, false)).isNotNull();
    }
  }

  /** Listing seeks the primary key per namespace; sweeping walks the expiry index. */
  @Test
  void listingAndSweepingUseIndexesNotScans() throws SQLException {
    String schema = SCHEMAS.fresh();
    try (StoreBackend store = PgFixture.open(TestDatabase.uri(schema))) {
      store.put(put(Namespace.of("a"), "k", Map.of(), T0));
    }
    ItemSql sql = new ItemSql(schema);
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement()) {
      // Enough rows in many namespaces that the planner's choice is the one real data gets.
      s.execute("INSERT INTO " + sql.table + " (namespace, key, value, filterable, created_at,"
          + " updated_at, expires_at, ttl_micros, version) SELECT 'a.n' || (g % 500), 'k' || g,"
          + " '{}', true, 0, 0, CASE WHEN g % 3 = 0 THEN g END, NULL, 1"
          + " FROM generate_series(1, 20000) g");
      s.execute("ANALYZE " + sql.table);
      String sweepPlan =
          plan(s, sql.deleteExpired.replace("?", "100").replace("LIMIT 100", "LIMIT 10"));
      assertThat(sweepPlan).contains("engram_items_expiry").contains("engram_items_pkey")
          .doesNotContain("Seq Scan");
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.listUnder)) {
        ps.setString(1, "a.");
        ps.setString(2, "a/");
        ps.setLong(3, 0);
        ps.setString(4, "a/");
        ps.setLong(5, 0);
        ps.setString(6, "a");
        ps.setLong(7, 0);
        String listPlan = plan(ps);
        assertThat(listPlan).contains("Recursive Union").contains("engram_items_pkey")
            .doesNotContain("Seq Scan").doesNotContain("Sort");
      }
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.listAll)) {
        ps.setLong(1, 0);
        ps.setLong(2, 0);
        assertThat(plan(ps)).contains("engram_items_pkey").doesNotContain("Seq Scan")
            .doesNotContain("Sort");
      }
    }
  }

  private static String plan(PreparedStatement ps) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static String plan(Statement s, String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> keysWhere(String schema, String condition) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT key FROM " + schema + ".engram_items WHERE " + condition)) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }
}
