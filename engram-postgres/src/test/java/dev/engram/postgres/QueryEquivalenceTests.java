package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.Ranked;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import dev.engram.testkit.RandomJson;
import dev.engram.testkit.WordVectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pages of searches by query on random data against {@link ExactQuery} over the same items, the
 * reference every backend answers to: namespaces beside each other ({@code docs.a} and {@code
 * docs.a-x}), random filters over values jsonb cannot hold (so rows are checked in Java), items of
 * another model or not indexed, expired ones, several texts per item, pages at any offset.
 */
abstract class QueryEquivalenceTests {
  private static final List<Namespace> NAMESPACES = List.of(Namespace.of("docs", "a"),
      Namespace.of("docs", "a", "deep"), Namespace.of("docs", "a-x"), Namespace.of("docs", "b"),
      Namespace.of("other"));
  private static final List<Namespace> PREFIXES = List.of(Namespace.root(), Namespace.of("docs"),
      Namespace.of("docs", "a"), Namespace.of("docs", "a-x"), Namespace.of("other"));
  private static final List<String> WORDS = List.of("garden", "tomato", "harbour", "pilot",
      "lighthouse", "keeper", "invoice", "payment", "cat", "windowsill", "rust", "compiler",
      "revenue", "europe", "asia", "the", "a", "of", "quiet", "storm");
  private static final Instant NOW = T0.plus(Duration.ofMinutes(2));

  /** A URI for a fresh schema. */
  abstract String freshUri();

  /** Whether vector ranking is exact here (scored in Java), not through an HNSW index. */
  abstract boolean exactVectors();

  @Test
  void pagesAreThoseOfTheReference() {
    Random random = new Random(20310517);
    WordVectors model = WordVectors.model();
    Map<String, ExactQuery.Candidate> stored = new LinkedHashMap<>();
    try (StoreBackend store = PgFixture.open(freshUri())) {
      for (int i = 0; i < 300; i++) {
        Namespace ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
        Map<String, Object> value = RandomJson.document(random);
        List<IndexEntry> entries = new ArrayList<>();
        for (int t = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2); t > 0; t--) {
          String text = words(random, 2 + random.nextInt(10));
          entries.add(new IndexEntry("notes[" + t + "]", text, model.embed(text)));
        }
        String modelId = random.nextInt(10) == 0 ? WordVectors.OTHER_ID : WordVectors.ID;
        ItemIndex index = new ItemIndex(modelId, entries.isEmpty() ? List.of() : null, entries);
        Duration ttl = random.nextInt(10) == 0 ? Duration.ofMinutes(1) : null;
        Item item = store.put(new PutCommand(ns, "k" + i, JsonCodec.encode(value, "value"), T0,
            ttl, null, index));
        stored.put(ns + "/k" + i, new ExactQuery.Candidate(item, index));
      }
      for (int q = 0; q < 150; q++) {
        Namespace prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
        Filter filter = random.nextInt(3) == 0 ? Filter.parse(RandomJson.filter(random))
            : Filter.all();
        SearchMode mode = SearchMode.values()[random.nextInt(3)];
        String text = words(random, 1 + random.nextInt(3));
        SearchCommand scope = new SearchCommand(
            prefix, filter, random.nextInt(4) == 0 ? random.nextInt(60) : 0,
            1 + random.nextInt(20), NOW, false);
        QueryCommand command = new QueryCommand(scope, text,
            mode == SearchMode.KEYWORD ? null : model.embed(text), mode, WordVectors.ID);
        List<ExactQuery.Candidate> candidates = stored.values().stream()
            .filter(c -> c.item().expiresAt() == null || c.item().expiresAt().isAfter(NOW))
            .filter(c -> c.item().namespace().startsWith(prefix))
            .filter(c -> filter.matches(c.item().value()))
            .toList();
        compare(store.query(command), command, candidates);
      }
    }
  }

  private void compare(List<SearchItem> actual, QueryCommand command,
      List<ExactQuery.Candidate> candidates) {
    List<SearchItem> expected = ExactQuery.page(command, candidates);
    String what = command.mode() + " \"" + command.text() + "\" " + command.scope();
    if (exactVectors() || command.mode() == SearchMode.KEYWORD) {
      assertThat(addresses(actual)).as(what).containsExactlyElementsOf(addresses(expected));
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).score()).as(what).isCloseTo(expected.get(i).score(), within(1e-9));
      }
      return;
    }
    // Through an HNSW index: as long a page, of items in scope, whose vector scores are the
    // reference's (pgvector computes in float, the reference in double).
    assertThat(actual).as(what).hasSameSizeAs(expected);
    Map<String, Double> reference = new HashMap<>();
    for (Ranked ranked : ExactQuery.rank(command, candidates)) {
      reference.put(ranked.item().namespace() + "/" + ranked.item().key(), ranked.score());
    }
    assertThat(addresses(actual)).as(what).allMatch(reference::containsKey);
    if (command.mode() == SearchMode.VECTOR) {
      for (int i = 0; i < actual.size(); i++) {
        String address = addresses(actual).get(i);
        assertThat(actual.get(i).score()).as(what + " " + address)
            .isCloseTo(reference.get(address), within(1e-5))
            .isCloseTo(expected.get(i).score(), within(1e-5));
      }
    }
  }

  private static List<String> addresses(List<SearchItem> items) {
    return items.stream().map(i -> i.namespace() + "/" + i.key()).toList();
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < count; w++) {
      text.append(w == 0 ? "" : random.nextInt(5) == 0 ? ", " : " ")
          .append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return random.nextInt(4) == 0 ? text.toString().toUpperCase(java.util.Locale.ROOT)
        : text.toString();
  }
}
