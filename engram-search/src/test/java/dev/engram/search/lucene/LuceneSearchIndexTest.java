package dev.engram.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchMode;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.Ranked;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndex.Hit;
import dev.engram.spi.SearchIndex.Scope;
import dev.engram.spi.SearchIndexLockedException;
import dev.engram.spi.SearchIndexSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index against the exact reference, on hand-made vectors and texts. */
class LuceneSearchIndexTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final String MODEL = "test:model";
  private static final String[] WORDS = {
    "apple", "banana", "cherry", "durian", "elder", "fig", "grape", "honeydew", "kiwi", "lemon"
  };

  private final LuceneSearchIndexProvider provider = new LuceneSearchIndexProvider();
  private final SearchIndex index = provider.openInMemory("memory:test", SearchIndexSettings.DEFAULT);
  private final Map<Address, ItemIndex> stored = new LinkedHashMap<>();
  private final Random random = new Random(42);

  @TempDir Path dir;

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void keywordScoresEqualTheExactReferenceWithinAScope() {
    fill(600, 8);
    Set<Address> candidates = new HashSet<>();
    stored.keySet().stream().filter(a -> a.key().hashCode() % 3 == 0).forEach(candidates::add);
    for (Scope scope :
        List.of(scope(Namespace.root(), null), scope(Namespace.of("ns1"), null),
            scope(Namespace.root(), candidates))) {
      List<Ranked> exact = exact(scope, "durian fig fig kiwi", null, SearchMode.KEYWORD);
      List<Hit> found = index.keyword(scope, "durian fig fig kiwi", 1_000_000);
      assertThat(found).hasSameSizeAs(exact);
      for (int i = 0; i < exact.size(); i++) {
        assertThat(found.get(i).address()).isEqualTo(address(exact.get(i).item()));
        assertThat(found.get(i).score()).isCloseTo(exact.get(i).score(), within(1e-9));
      }
      // A shorter list is the head of the whole one, ties included in the exact order.
      assertThat(index.keyword(scope, "durian fig fig kiwi", 7)).containsExactlyElementsOf(found.subList(0, 7));
    }
  }

  @Test
  void keywordStatisticsLeaveOutItemsThatExpired() {
    put(new Address(Namespace.of("a"), "live"), null, entry("apple banana", 1, 0));
    put(new Address(Namespace.of("a"), "gone"), NOW.minusSeconds(1), entry("apple cherry", 0, 1));
    put(new Address(Namespace.of("a"), "other"), null, entry("cherry", 0, 1));
    Set<Address> asked = new HashSet<>();
    Scope scope =
        new Scope(Namespace.root(), null, NOW, addresses -> {
          asked.addAll(addresses);
          return Set.of();
        });
    List<Hit> found = index.keyword(scope, "apple cherry", 10);
    assertThat(asked).containsExactly(new Address(Namespace.of("a"), "gone"));
    // Two items in scope (average length 1.5), each query word in one: idf = ln(1 + 1.5 / 1.5).
    assertThat(found).extracting(h -> h.address().key()).containsExactly("other", "live");
    double idf = Math.log(2);
    assertThat(found.get(1).score())
        .isCloseTo(idf / (1 + 1.2 * (1 - 0.75 + 0.75 * 2 / 1.5)), within(1e-12));
  }

  @Test
  void aSelectiveFilterIsSearchedExactly() {
    fill(3000, 16);
    Set<Address> candidates = new HashSet<>();
    stored.keySet().stream().filter(a -> a.key().endsWith("7")).limit(60).forEach(candidates::add);
    float[] query = vector(16);
    Scope scope = scope(Namespace.root(), candidates);
    List<Ranked> exact = exact(scope, "", query, SearchMode.VECTOR);
    List<Hit> found = index.vector(scope, query, MODEL, 60);
    assertThat(found).extracting(Hit::address)
        .containsExactlyElementsOf(exact.stream().map(r -> address(r.item())).toList());
    for (int i = 0; i < exact.size(); i++) {
      assertThat(found.get(i).score()).isCloseTo(exact.get(i).score(), within(1e-5));
    }
  }

  @Test
  void theGraphFindsNearlyEveryTrueNeighbour() {
    fill(4000, 24);
    Scope scope = scope(Namespace.root(), null);
    int hits = 0;
    int queries = 20;
    for (int q = 0; q < queries; q++) {
      float[] query = vector(24);
      Set<Address> truth = new HashSet<>();
      exact(scope, "", query, SearchMode.VECTOR).stream().limit(10)
          .forEach(r -> truth.add(address(r.item())));
      hits += (int) index.vector(scope, query, MODEL, 10).stream().limit(10)
          .filter(h -> truth.contains(h.address())).count();
    }
    assertThat(hits / (double) (queries * 10)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anItemScoresByItsBestEntryAndCountsOnce() {
    float[] query = {1, 0, 0, 0};
    // One item with many entries near the query would fill the neighbours sought by itself.
    List<IndexEntry> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(new IndexEntry("notes[" + i + "]", "note", new float[] {1, 0.01f * i, 0, 0}));
    }
    stored.put(new Address(Namespace.of("a"), "many"), new ItemIndex(MODEL, null, many));
    index.put(new Address(Namespace.of("a"), "many"), new ItemIndex(MODEL, null, many), null);
    for (int i = 0; i < 5; i++) {
      float[] v = {1, 5 + i, 0, 0};
      put(new Address(Namespace.of("a"), "one" + i), null,
          new ItemIndex(MODEL, null, List.of(new IndexEntry("$", "x", v))));
    }
    List<Hit> found = index.vector(scope(Namespace.root(), null), query, MODEL, 6);
    assertThat(found).extracting(h -> h.address().key())
        .containsExactly("many", "one0", "one1", "one2", "one3", "one4");
    assertThat(found.get(0).score()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void onlyTheQueryModelsVectorsRankAndLengthsBeyondLucenesDefaultLimitWork() {
    float[] big = new float[1536];
    big[3] = 1;
    Address mine = new Address(Namespace.of("a"), "mine");
    Address other = new Address(Namespace.of("a"), "other");
    index.put(mine, new ItemIndex(MODEL, null, List.of(new IndexEntry("$", "t", big))), null);
    index.put(other, new ItemIndex("test:other", null, List.of(new IndexEntry("$", "t", big))), null);
    List<Hit> found = index.vector(scope(Namespace.root(), null), big, MODEL, 10);
    assertThat(found).extracting(Hit::address).containsExactly(mine);
    assertThat(index.vector(scope(Namespace.root(), null), new float[] {1, 0}, MODEL, 10)).isEmpty();
  }

  @Test
  void theNamespacePrefixMatchesWholeLabels() {
    put(new Address(Namespace.of("users", "al"), "in"), null, entry("apple", 1, 0));
    put(new Address(Namespace.of("users", "al", "x"), "deeper"), null, entry("apple", 1, 0));
    put(new Address(Namespace.of("users", "alice"), "out"), null, entry("apple", 1, 0));
    Scope scope = scope(Namespace.of("users", "al"), null);
    assertThat(index.keyword(scope, "apple", 10)).extracting(h -> h.address().key())
        .containsExactlyInAnyOrder("in", "deeper");
    assertThat(index.vector(scope, new float[] {1, 0}, MODEL, 10)).extracting(h -> h.address().key())
        .containsExactlyInAnyOrder("in", "deeper");
  }

  @Test
  void aFolderIndexKeepsItsCommitsAndAdmitsOneWriter() throws Exception {
    Path folder = dir.resolve("engram.db.index");
    Address a = new Address(Namespace.of("a"), "k");
    try (SearchIndex onDisk = provider.open(folder, "sqlite:test", SearchIndexSettings.DEFAULT)) {
      assertThat(onDisk.commitData()).isEmpty();
      onDisk.put(a, entry("apple", 1, 0), null);
      onDisk.commit(Map.of("seq", "7"));
      assertThatThrownBy(() -> provider.open(folder, "sqlite:test", SearchIndexSettings.DEFAULT))
          .isInstanceOf(SearchIndexLockedException.class)
          .hasMessageContaining(folder.toString());
    }
    try (SearchIndex reopened = provider.open(folder, "sqlite:test", SearchIndexSettings.DEFAULT)) {
      assertThat(reopened.commitData()).containsEntry("seq", "7");
      assertThat(reopened.keyword(scope(Namespace.root(), null), "apple", 10)).hasSize(1);
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(file, new byte[] {1, 2, 3});
      }
    }
    try (SearchIndex wiped = provider.open(folder, "sqlite:test", SearchIndexSettings.DEFAULT)) {
      assertThat(wiped.commitData()).isEmpty();
      assertThat(wiped.keyword(scope(Namespace.root(), null), "apple", 10)).isEmpty();
    }
  }

  /** Items in namespaces ns0..ns2 with random words and vectors, some with two entries. */
  private void fill(int count, int dimensions) {
    for (int i = 0; i < count; i++) {
      List<IndexEntry> entries = new ArrayList<>();
      int texts = 1 + random.nextInt(2);
      for (int t = 0; t < texts; t++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0, n = 1 + random.nextInt(12); w < n; w++) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        entries.add(new IndexEntry("t", text.toString(), vector(dimensions)));
      }
      Address address = new Address(Namespace.of("ns" + i % 3), "k" + i);
      stored.put(address, new ItemIndex(MODEL, null, entries));
      index.put(address, new ItemIndex(MODEL, null, entries), null);
    }
  }

  private float[] vector(int dimensions) {
    float[] v = new float[dimensions];
    for (int d = 0; d < dimensions; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  private void put(Address address, Instant expiresAt, ItemIndex itemIndex) {
    stored.put(address, itemIndex);
    index.put(address, itemIndex, expiresAt);
  }

  private static ItemIndex entry(String text, float x, float y) {
    return new ItemIndex(MODEL, null, List.of(new IndexEntry("$", text, new float[] {x, y})));
  }

  private static Scope scope(Namespace prefix, Set<Address> candidates) {
    return new Scope(prefix, candidates, NOW, Set::copyOf);
  }

  private List<Ranked> exact(Scope scope, String text, float[] vector, SearchMode mode) {
    List<ExactQuery.Candidate> candidates = new ArrayList<>();
    stored.forEach(
        (address, itemIndex) -> {
          if (address.namespace().startsWith(scope.prefix())
              && (scope.candidates() == null || scope.candidates().contains(address))) {
            Item item = new Item(address.namespace(), address.key(), Map.of(), NOW, NOW, null, 1);
            candidates.add(new ExactQuery.Candidate(item, itemIndex));
          }
        });
    SearchCommand command = new SearchCommand(scope.prefix(), Filter.all(), 0, 100, NOW, false);
    return ExactQuery.rank(new QueryCommand(command, text, vector, mode, MODEL), candidates);
  }

  private static Address address(Item item) {
    return new Address(item.namespace(), item.key());
  }
}
