package dev.engram.sqlite;

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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pushed-down SQL prefilter must never change a result: the same data in SQLite and in the
 * in-memory reference gives the same pages for many random filters, including the awkward cases
 * (numbers near double rounding, big integers, NUL and astral strings, keys SQLite paths cannot
 * quote, values of every type under one field).
 */
@Timeout(120)
class FilterPushdownEquivalenceTest {
  private static final Instant T0 = Instant.parse("2031-05-17T09:30:00.123456Z");
  private static final List<String> FIELDS =
      List.of("a", "b.c", "b", "we\"ird", "back\\slash", "\u00e9t\u00e9", "tab\there", "missing",
          "a.x", "l");
  private static final List<Object> SCALARS =
      Arrays.asList(
          0, 1, -1, 2, 10, 9, new BigDecimal("1.0"), new BigDecimal("1.5"),
          new BigDecimal("0.1"), new BigDecimal("0.30000000000000004"),
          new BigDecimal("1.0000000000000001"), 9007199254740993L, 9007199254740992L,
          Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("18446744073709551617"),
          new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal("1E-400"),
          new BigDecimal("-0.0"), "", "a", "b", "A", "10", "9", "a\u0000b", "a\u0000",
          "\uD83D\uDE00", "\uFF5E", "\u00e9", true, false, null);

  @TempDir Path dir;

  @Test
  void sqliteAgreesWithTheReferenceOnRandomFilters() {
    Random random = new Random(20310517L);
    try (StoreBackend sqlite = Backends.open(dir.resolve("eq.db"));
        StoreBackend memory = new MemoryBackendProvider().openStore(BackendUri.parse("memory:eq"))) {
      List<Namespace> namespaces =
          List.of(Namespace.of("t"), Namespace.of("t", "u"), Namespace.of("t-x"),
              Namespace.of("t", "u", "v"), Namespace.of("w"));
      for (int i = 0; i < 400; i++) {
        Map<String, Object> value = randomDocument(random);
        Namespace ns = namespaces.get(random.nextInt(namespaces.size()));
        String key = "k" + random.nextInt(300);
        Instant now = T0.plusSeconds(random.nextInt(50));
        Duration ttl = random.nextInt(5) == 0 ? Duration.ofSeconds(1 + random.nextInt(100)) : null;
        PutCommand put =
            new PutCommand(ns, key, JsonCodec.encode(value, "value"), now, ttl, null);
        assertThat(sqlite.put(put)).isEqualTo(memory.put(put));
      }
      Instant searchAt = T0.plusSeconds(60);
      for (int i = 0; i < 1500; i++) {
        Filter filter = Filter.parse(randomFilter(random));
        Namespace prefix =
            random.nextBoolean() ? Namespace.root() : namespaces.get(random.nextInt(3));
        int offset = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
        int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 500);
        SearchCommand search = new SearchCommand(prefix, filter, offset, limit, searchAt, false);
        List<Item> expected = memory.search(search);
        assertThat(sqlite.search(search)).as("search %s", search).isEqualTo(expected);
      }
      assertThat(sqlite.namespaces(Namespace.root(), searchAt))
          .isEqualTo(memory.namespaces(Namespace.root(), searchAt));
      assertThat(sqlite.namespaces(Namespace.of("t"), searchAt))
          .isEqualTo(memory.namespaces(Namespace.of("t"), searchAt));
    }
  }

  private static Map<String, Object> randomDocument(Random random) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : List.of("a", "b", "we\"ird", "back\\slash", "\u00e9t\u00e9", "tab\there",
        "l")) {
      if (random.nextInt(4) == 0) {
        continue;
      }
      doc.put(field, field.equals("b") && random.nextBoolean() ? nested(random) : any(random));
    }
    return doc;
  }

  private static Object nested(Random random) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (random.nextInt(3) > 0) {
      b.put("c", any(random));
    }
    return b;
  }

  private static Object any(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> List.of(1, "a");
      case 1 -> new ArrayList<>();
      case 2 -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 1);
        yield m;
      }
      default -> SCALARS.get(random.nextInt(SCALARS.size()));
    };
  }

  private static Map<String, Object> randomFilter(Random random) {
    Map<String, Object> filter = new LinkedHashMap<>();
    int conditions = 1 + random.nextInt(2);
    for (int i = 0; i < conditions; i++) {
      String field = FIELDS.get(random.nextInt(FIELDS.size()));
      String op =
          List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "bare")
              .get(random.nextInt(10));
      Object operand =
          switch (op) {
            case "$in", "$nin" -> {
              List<Object> list = new ArrayList<>();
              int n = random.nextInt(4);
              for (int j = 0; j < n; j++) {
                list.add(any(random));
              }
              yield list;
            }
            case "$exists" -> random.nextBoolean();
            case "$gt", "$gte", "$lt", "$lte" -> {
              Object o;
              do {
                o = SCALARS.get(random.nextInt(SCALARS.size()));
              } while (!(o instanceof Number || o instanceof String));
              yield o;
            }
            default -> any(random);
          };
      if (op.equals("bare")) {
        if (!(operand instanceof Map<?, ?>)) {
          filter.put(field, operand);
        }
      } else {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(op, operand);
        filter.put(field, spec);
      }
    }
    return filter;
  }
}
