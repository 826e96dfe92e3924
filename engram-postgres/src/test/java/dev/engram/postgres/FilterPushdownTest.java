package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static dev.engram.postgres.PgFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.core.memory.MemoryBackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import dev.engram.testkit.RandomJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL that filters compile to, checked on its own (without the Java re-check that searches
 * add): numbers compare as numbers, strings as strings in code point order, and the SQL alone
 * agrees with the reference wherever it claims to be exact. Paths and operands that look like SQL
 * stay data.
 */
@Timeout(120)
class FilterPushdownTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static final Namespace NS = Namespace.of("f");

  @Test
  void numbersCompareAsNumbersAndStringsAsStringsInSqlAlone() throws SQLException {
    String schema = SCHEMAS.fresh();
    try (StoreBackend store = PgFixture.open(TestDatabase.uri(schema))) {
      Map<String, Object> docs = new LinkedHashMap<>();
      docs.put("n9", 9);
      docs.put("n10", 10);
      docs.put("n10.0", new BigDecimal("10.0"));
      docs.put("n100", 100);
      docs.put("big", BigInteger.TWO.pow(70));
      docs.put("s9", "9");
      docs.put("s10", "10");
      docs.put("sZ", "Z");
      docs.put("sa", "a");
      docs.put("s\u00e9", "\u00e9");
      docs.put("sClef", "\uD834\uDD1E");
      docs.put("sFffd", "\uFFFD");
      docs.put("true", true);
      for (Map.Entry<String, Object> e : docs.entrySet()) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("v", e.getValue());
        store.put(put(NS, e.getKey(), value, T0));
      }
      ItemSql sql = new ItemSql(schema);
      // LangGraph compared as text, so "9" > "10" and 9 > 10 there.
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$gt", 9))))
          .containsExactlyInAnyOrder("n10", "n10.0", "n100", "big");
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$lte", 10))))
          .containsExactlyInAnyOrder("n9", "n10", "n10.0");
      assertThat(sqlOnly(sql, Map.of("v", 10))).containsExactlyInAnyOrder("n10", "n10.0");
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$gt", "9"))))
          .containsExactlyInAnyOrder("sZ", "sa", "s\u00e9", "sClef", "sFffd");
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$lt", "9")))).containsExactly("s10");
      // Code point order, not the database's default collation: 'Z' < 'a' < 'é' < U+FFFD < 𝄞.
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$gt", "Z", "$lt", "\u00e9"))))
          .containsExactly("sa");
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$gt", "\uFFFD")))).containsExactly("sClef");
      assertThat(sqlOnly(sql, Map.of("v", Map.of("$gt", BigInteger.TWO.pow(70).subtract(
          BigInteger.ONE))))).containsExactly("big");
      assertThat(sqlOnly(sql, Map.of("v", "10"))).containsExactly("s10");
      assertThat(sqlOnly(sql, Map.of("v", true))).containsExactly("true");
    }
  }

  @Test
  void pathsAndOperandsThatLookLikeSqlStayData() throws SQLException {
    String schema = SCHEMAS.fresh();
    String evil = "a'); DROP TABLE engram_items; --";
    List<String> nasty =
        List.of(evil, "x\" OR 1=1 --", "?", "$1", "{a,b}", "\\", "'", "a->>'b'", "${x}",
            "0", "-1");
    try (StoreBackend store = PgFixture.open(TestDatabase.uri(schema))) {
      Namespace ns = Namespace.of("n'; DROP SCHEMA " + schema + " CASCADE; --");
      for (int i = 0; i < nasty.size(); i++) {
        String s = nasty.get(i);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("f" + s, s);
        value.put("nested", Map.of(s, i));
        store.put(put(ns, s, value, T0));
      }
      for (int i = 0; i < nasty.size(); i++) {
        String s = nasty.get(i);
        assertThat(keys(store, Map.of("f" + s, s))).as("field f%s", s).containsExactly(s);
        assertThat(keys(store, Map.of("f" + s, Map.of("$in", List.of(s, evil)))))
            .containsExactly(s);
        assertThat(keys(store, Map.of("f" + s, Map.of("$gte", s)))).containsExactly(s);
        assertThat(keys(store, Map.of("nested." + s, i))).containsExactly(s);
        assertThat(store.get(ns, s, T0, false).value().get("f" + s)).isEqualTo(s);
      }
      // "0" and "-1" are keys of objects, never array positions.
      store.put(put(ns, "array", Map.of("nested", List.of(5, 6)), T0));
      assertThat(keys(store, Map.of("nested.0", Map.of("$exists", true)))).containsExactly("0");
      assertThat(keys(store, Map.of("nested.-1", Map.of("$exists", true)))).containsExactly("-1");
    }
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".engram_items")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(nasty.size() + 1);
    }
  }

  /** Pages deep into results where many candidates fail the Java check are still exact. */
  @Test
  void deepPagesAreExactWhenRowsNeedTheJavaCheck() {
    try (StoreBackend pg = PgFixture.open(TestDatabase.uri(SCHEMAS.fresh()));
        StoreBackend memory =
            new MemoryBackendProvider().openStore(BackendUri.parse("memory:pages"))) {
      List<PutCommand> puts = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        Map<String, Object> value = new LinkedHashMap<>();
        // Every third value holds NUL, so it has no jsonb copy and every filter lets it through.
        value.put("s", i % 3 == 0 ? "x\u0000" : "x");
        value.put("m", i % 3 != 0 && i % 2 == 0);
        value.put("nu\u0000l", i % 5);
        puts.add(put(Namespace.of("p", "q" + i % 4), "k" + i, value, T0.plusSeconds(i % 37)));
      }
      pg.inTransaction(() -> puts.stream().map(pg::put).toList());
      puts.forEach(memory::put);
      Instant now = T0.plusSeconds(100);
      for (Map<String, Object> json :
          List.of(Map.<String, Object>of("m", true), Map.<String, Object>of("nu\u0000l", 1),
              Map.<String, Object>of("s", Map.of("$ne", "x")))) {
        Filter filter = Filter.parse(json);
        for (int offset = 0; offset <= 600; offset += 45) {
          SearchCommand search = new SearchCommand(Namespace.of("p"), filter, offset, 30, now,
              false);
          List<Item> expected = memory.search(search);
          assertThat(pg.search(search)).as("%s at %d", json, offset).isEqualTo(expected);
          assertThat(pg.inTransaction(() -> pg.search(search))).isEqualTo(expected);
        }
      }
    }
  }

  private static List<String> keys(StoreBackend store, Map<String, Object> filter) {
    return store.search(new SearchCommand(Namespace.root(), Filter.parse(filter), 0, 100, T0,
        false)).stream().map(Item::key).toList();
  }

  /**
   * Random documents and filters: every search page equals the reference's, and wherever the
   * compiled SQL says it is exact, the SQL alone selects exactly the matching rows.
   */
  @Test
  void searchesAgreeWithTheReferenceAndExactSqlNeedsNoRecheck() throws SQLException {
    String schema = SCHEMAS.fresh();
    Random random = new Random(20310517L);
    try (StoreBackend pg = PgFixture.open(TestDatabase.uri(schema));
        StoreBackend memory =
            new MemoryBackendProvider().openStore(BackendUri.parse("memory:eq"))) {
      List<Namespace> namespaces =
          List.of(Namespace.of("t"), Namespace.of("t", "u"), Namespace.of("t-x"),
              Namespace.of("t", "u", "v"), Namespace.of("w"));
      for (int i = 0; i < 400; i++) {
        Namespace ns = namespaces.get(random.nextInt(namespaces.size()));
        Instant now = T0.plusSeconds(random.nextInt(50));
        Duration ttl = random.nextInt(5) == 0 ? Duration.ofSeconds(1 + random.nextInt(100)) : null;
        PutCommand put =
            new PutCommand(ns, "k" + random.nextInt(300),
                JsonCodec.encode(RandomJson.document(random), "value"), now, ttl, null);
        assertThat(pg.put(put)).isEqualTo(memory.put(put));
      }
      Instant searchAt = T0.plusSeconds(60);
      ItemSql sql = new ItemSql(schema);
      int exactChecked = 0;
      for (int i = 0; i < 1000; i++) {
        Map<String, Object> json = RandomJson.filter(random);
        Filter filter = Filter.parse(json);
        Namespace prefix =
            random.nextBoolean() ? Namespace.root() : namespaces.get(random.nextInt(3));
        int offset = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
        int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 500);
        SearchCommand search = new SearchCommand(prefix, filter, offset, limit, searchAt, false);
        assertThat(pg.search(search)).as("search %s", search).isEqualTo(memory.search(search));

        FilterSql.Compiled compiled = FilterSql.compile(filter);
        if (compiled.exact() && i % 4 == 0) {
          TreeSet<String> expected = new TreeSet<>();
          for (Item item : memory.search(
              new SearchCommand(Namespace.root(), Filter.all(), 0, 1000, T0.minusSeconds(1),
                  false))) {
            if (filter.matches(item.value())
                && JsonbCopy.representable(item.value())) {
              expected.add(item.namespace() + "/" + item.key());
            }
          }
          assertThat(sqlOnly(sql, json, "namespace || '/' || key", "filterable"))
              .as("SQL alone for %s", json).containsExactlyElementsOf(expected);
          exactChecked++;
        }
      }
      assertThat(exactChecked).isGreaterThan(100);
      assertThat(pg.namespaces(Namespace.root(), searchAt))
          .isEqualTo(memory.namespaces(Namespace.root(), searchAt));
      assertThat(pg.namespaces(Namespace.of("t"), searchAt))
          .isEqualTo(memory.namespaces(Namespace.of("t"), searchAt));
    }
  }

  private static TreeSet<String> sqlOnly(ItemSql sql, Map<String, Object> filter)
      throws SQLException {
    return sqlOnly(sql, filter, "key", "true");
  }

  /** The rows the compiled SQL selects by itself, all expiry and re-checking aside. */
  private static TreeSet<String> sqlOnly(
      ItemSql sql, Map<String, Object> filter, String column, String where) throws SQLException {
    FilterSql.Compiled compiled = FilterSql.compile(Filter.parse(filter));
    assertThat(compiled.exact()).as("pushed down exactly: %s", filter).isTrue();
    TreeSet<String> found = new TreeSet<>();
    try (Connection c = TestDatabase.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + column + " FROM " + sql.table + " WHERE " + where + compiled.sql())) {
      int i = 1;
      for (Object bind : compiled.binds()) {
        if (bind instanceof String[] array) {
          ps.setArray(i++, c.createArrayOf("text", array));
        } else {
          ps.setString(i++, (String) bind);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }
}
