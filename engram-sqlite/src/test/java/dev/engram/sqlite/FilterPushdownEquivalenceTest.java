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
import dev.engram.testkit.RandomJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        Map<String, Object> value = RandomJson.document(random);
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
        Filter filter = Filter.parse(RandomJson.filter(random));
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
}
