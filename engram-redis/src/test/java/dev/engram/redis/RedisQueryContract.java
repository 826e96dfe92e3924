package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.BackendCall;
import dev.engram.spi.BackendUri;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search by query on Redis against the reference: every page {@link StoreBackend#query} returns
 * must equal {@link ExactQuery#page} over the candidates the test knows it stored (visible, under
 * the prefix, matching the filter, indexed), item for item and score for score. Runs on a server
 * and on a cluster (the subclasses), through the backend SPI with indexes the test makes itself.
 */
abstract class RedisQueryContract {
  static final String MODEL = "test-model";
  static final String OTHER_MODEL = "other-model";
  static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");
  private static final String[] WORDS = {
    "apple", "banana", "cherry", "date", "elder", "fig", "grape", "honey", "ice", "jam"
  };

  protected String prefix;
  protected StoreBackend backend;
  /** What the test stored, by address: the item and its index (null when never indexed). */
  private final Map<String, Stored> stored = new LinkedHashMap<>();

  record Stored(Item item, @Nullable ItemIndex index) {}

  /** A store URI for the given key prefix. */
  protected abstract String uri(String prefix);

  /** A plain connection to look at the keys. */
  protected abstract RawRedis raw();

  @BeforeEach
  void openBackend() {
    prefix = RedisTests.uniquePrefix(getClass().getSimpleName().toLowerCase());
    backend = new RedisBackendProvider().openStore(BackendUri.parse(uri(prefix)));
  }

  @AfterEach
  void closeBackend() {
    backend.close();
    raw().deletePrefix(prefix);
  }

  Keys keys() {
    return new Keys(prefix);
  }

  static float[] randomVector(Random random, int dimensions) {
    float[] v = new float[dimensions];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
      text.append(i == 0 ? "" : random.nextBoolean() ? " " : ", ")
          .append(WORDS[random.nextInt(WORDS.length)]);
    }
    return random.nextInt(5) == 0 ? text.toString().toUpperCase() : text.toString();
  }

  static ItemIndex index(String model, Random random, int entries, int dimensions) {
    List<IndexEntry> list = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      list.add(new IndexEntry("items[" + i + "]", randomText(random),
          randomVector(random, dimensions)));
    }
    return new ItemIndex(model, null, list);
  }

  static PutCommand putCommand(Namespace ns, String key, Map<String, Object> value, Instant now,
      @Nullable Duration ttl, @Nullable ItemIndex index) {
    return new PutCommand(ns, key, JsonCodec.encode(value, "value"), now, ttl, null, index);
  }

  /** Puts through the backend and remembers what the reference must see. */
  Item put(Namespace ns, String key, Map<String, Object> value, Instant now,
      @Nullable Duration ttl, @Nullable ItemIndex index) {
    Item item = backend.put(putCommand(ns, key, value, now, ttl, index));
    remember(item, index);
    return item;
  }

  void remember(Item item, @Nullable ItemIndex index) {
    stored.put(item.namespace() + "/" + item.key(), new Stored(item, index));
  }

  /** The page the reference gives over what the test stored. */
  List<SearchItem> expected(QueryCommand command) {
    SearchCommand scope = command.scope();
    List<ExactQuery.Candidate> candidates = new ArrayList<>();
    for (Stored s : stored.values()) {
      Item item = s.item();
      boolean visible = item.expiresAt() == null || item.expiresAt().isAfter(scope.now());
      if (visible && s.index() != null && item.namespace().startsWith(scope.prefix())
          && scope.filter().matches(item.value())) {
        candidates.add(new ExactQuery.Candidate(item, s.index()));
      }
    }
    return ExactQuery.page(command, candidates);
  }

  static QueryCommand query(Namespace prefix, @Nullable Map<String, Object> filter, int offset,
      int limit, Instant now, String text, float @Nullable [] vector, SearchMode mode) {
    return new QueryCommand(new SearchCommand(prefix, Filter.parse(filter), offset, limit, now,
        false), text, vector, mode, MODEL);
  }

  private void assertSameAsReference(QueryCommand command) {
    assertThat(backend.query(command))
        .as("%s %s offset %d limit %d filter %s", command.mode(), command.scope().prefix(),
            command.scope().offset(), command.scope().limit(), command.scope().filter())
        .isEqualTo(expected(command));
  }

  @Test
  void everyModeGivesTheReferencePageWhateverThePrefixFilterAndDepth() {
    Random random = new Random(42);
    List<Namespace> namespaces = List.of(Namespace.of("docs"), Namespace.of("docs", "a"),
        Namespace.of("docs", "b", "c"), Namespace.of("docsx"), Namespace.of("other"),
        Namespace.of("docs", "{x}"));
    List<String> keys = List.of("k", "}", "ü", "😀", ":z", "b}:i:c");
    int n = 0;
    for (Namespace ns : namespaces) {
      for (int i = 0; i < 30; i++) {
        String key = keys.get(i % keys.size()) + i;
        Map<String, Object> value = Map.of("kind", i % 3 == 0 ? "a" : "b", "n", i);
        // Of every kind a few: never indexed, indexed by another model, put with indexing off,
        // expired at query time, and a vector that ties with another item's.
        ItemIndex index = switch (n++ % 9) {
          case 0 -> null;
          case 1 -> index(OTHER_MODEL, random, 2, 8);
          case 2 -> new ItemIndex(MODEL, List.of(), List.of());
          case 3 -> new ItemIndex(MODEL, List.of("title"),
              List.of(new IndexEntry("title", "apple banana", new float[] {1, 0, 0, 0, 0, 0, 0, 0})));
          default -> index(MODEL, random, 1 + random.nextInt(3), 8);
        };
        Duration ttl = i % 7 == 0 ? Duration.ofMinutes(1) : i % 5 == 0 ? Duration.ofHours(1) : null;
        put(ns, key, value, T0.plusMillis(i), ttl, index);
      }
    }
    Instant now = T0.plus(Duration.ofMinutes(2));
    float[] vector = {1, 0, 0, 0, 0, 0, 0, 0};
    for (SearchMode mode : SearchMode.values()) {
      assertThat(expected(query(Namespace.root(), null, 0, 1000, now, "Apple banana FIG", vector,
          mode))).as("the reference finds plenty").hasSizeGreaterThan(60);
      for (Namespace prefix : List.of(Namespace.root(), Namespace.of("docs"),
          Namespace.of("docs", "b"), Namespace.of("nothing"))) {
        for (Map<String, Object> filter : List.<Map<String, Object>>of(Map.of(),
            Map.of("kind", "a"), Map.of("n", Map.of("$gte", 20)))) {
          for (int[] page : new int[][] {{0, 10}, {3, 5}, {0, 1000}, {37, 10}, {170, 10}}) {
            assertSameAsReference(query(prefix, filter, page[0], page[1], now,
                "Apple banana FIG", vector, mode));
          }
        }
      }
      assertSameAsReference(query(Namespace.root(), null, 0, 100, now,
          "words nobody wrote", randomVector(random, 8), mode));
    }
  }

  @Test
  void manyCandidatesAreFetchedInSeveralRoundsAndRankedAsOne() {
    Random random = new Random(7);
    List<BackendCall> puts = new ArrayList<>();
    for (int i = 0; i < 5200; i++) {
      Namespace ns = i % 3 == 0 ? Namespace.of("big", "sub") : Namespace.of("big");
      String key = "item" + i;
      ItemIndex index = index(i % 11 == 0 ? OTHER_MODEL : MODEL, random, 1 + i % 2, 16);
      puts.add(new BackendCall.Put(putCommand(ns, key, Map.of("i", i), T0, null, index)));
    }
    List<@Nullable Object> items = backend.execute(puts);
    for (int i = 0; i < items.size(); i++) {
      remember((Item) items.get(i), ((BackendCall.Put) puts.get(i)).command().index());
    }
    float[] vector = randomVector(random, 16);
    for (SearchMode mode : SearchMode.values()) {
      assertThat(expected(query(Namespace.of("big"), null, 0, 5000, T0, "apple jam", vector, mode)))
          .as("the reference finds thousands").hasSizeGreaterThan(2000);
      assertSameAsReference(query(Namespace.of("big"), null, 0, 20, T0, "apple jam", vector,
          mode));
      assertSameAsReference(query(Namespace.of("big"), Map.of("i", Map.of("$lt", 3000)), 2990,
          20, T0, "cherry", vector, mode));
    }
  }

  @Test
  void vectorsSurviveEveryBitPattern() {
    // Random bits, not just well-behaved floats: every byte value goes through the put's script
    // and the query's reply unchanged, or the scores would differ from the reference.
    Random random = new Random(3);
    Namespace ns = Namespace.of("bits");
    for (int i = 0; i < 50; i++) {
      float[] v = new float[384];
      for (int d = 0; d < v.length; d++) {
        float f;
        do {
          f = Float.intBitsToFloat(random.nextInt());
        } while (Float.isNaN(f) || Float.isInfinite(f) || Math.abs(f) > 1e15 || Math.abs(f) < 1e-15);
        v[d] = f;
      }
      put(ns, "k" + i, Map.of("i", i), T0, null,
          new ItemIndex(MODEL, null, List.of(new IndexEntry("$", "{\"i\":" + i + "}", v))));
    }
    assertSameAsReference(query(ns, null, 0, 50, T0, "", randomVector(random, 384),
        SearchMode.VECTOR));
  }

  @Test
  void queryRefreshesTheTtlsOfThePageLikeSearch() {
    Namespace ns = Namespace.of("ttl");
    Random random = new Random(5);
    put(ns, "short", Map.of("a", 1), T0, Duration.ofMinutes(10), index(MODEL, random, 1, 4));
    put(ns, "forever", Map.of("a", 2), T0, null, index(MODEL, random, 1, 4));
    Instant later = T0.plus(Duration.ofMinutes(5));
    QueryCommand refreshing = new QueryCommand(
        new SearchCommand(ns, Filter.all(), 0, 10, later, true), "", new float[] {1, 1, 1, 1},
        SearchMode.VECTOR, MODEL);
    List<SearchItem> found = backend.query(refreshing);
    assertThat(found).hasSize(2);
    SearchItem refreshed = found.stream().filter(s -> s.key().equals("short")).findFirst()
        .orElseThrow();
    assertThat(refreshed.item().expiresAt()).isEqualTo(later.plus(Duration.ofMinutes(10)));
    assertThat(backend.get(ns, "short", later, false).expiresAt())
        .isEqualTo(later.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aPutWithoutIndexWritesNothingMoreAndLeavesAnIndexAlone() {
    Namespace ns = Namespace.of("plain");
    Keys.NamespaceKeys k = keys().of(ns);
    put(ns, "never", Map.of("a", 1), T0, null, null);
    assertThat(raw().sync().hkeys(k.item("never"))).containsExactlyInAnyOrder("v", "c", "u", "n");

    Random random = new Random(9);
    ItemIndex first = index(MODEL, random, 2, 4);
    put(ns, "kept", Map.of("a", 1), T0, null, first);
    assertThat(raw().sync().hkeys(k.item("kept")))
        .containsExactlyInAnyOrder("v", "c", "u", "n", "m", "x", "w");
    // A store without index configuration: the entries stay as they were.
    Item second = backend.put(putCommand(ns, "kept", Map.of("a", 2), T0.plusSeconds(1), null, null));
    remember(second, first);
    ItemIndex own = new ItemIndex(MODEL, List.of("a", "b"), List.of());
    put(ns, "own", Map.of("a", 3), T0, null, own);
    assertThat(raw().sync().hget(k.item("own"), "f")).isEqualTo("[\"a\",\"b\"]");
    // A new index replaces the whole old one (fewer entries, own paths dropped).
    ItemIndex replaced = index(MODEL, random, 1, 4);
    put(ns, "own", Map.of("a", 4), T0.plusSeconds(2), null, replaced);
    assertThat(raw().sync().hexists(k.item("own"), "f")).isFalse();
    for (SearchMode mode : SearchMode.values()) {
      assertSameAsReference(query(ns, null, 0, 10, T0.plusSeconds(3), "apple banana cherry date",
          new float[] {1, 2, 3, 4}, mode));
    }
  }

  @Test
  void deletedAndExpiredItemsTakeTheirIndexAlong() {
    Namespace ns = Namespace.of("gone");
    Keys.NamespaceKeys k = keys().of(ns);
    Random random = new Random(11);
    put(ns, "deleted", Map.of("a", 1), T0, null, index(MODEL, random, 1, 4));
    assertThat(backend.delete(ns, "deleted", null, T0)).isTrue();
    stored.remove(ns + "/deleted");
    assertThat(raw().sync().exists(k.item("deleted"))).isZero();

    // Expired by the store's clock, still in Redis: a put over it starts a fresh, unindexed item.
    put(ns, "expired", Map.of("a", 2), T0, Duration.ofMinutes(1), index(MODEL, random, 1, 4));
    Instant later = T0.plus(Duration.ofMinutes(2));
    assertThat(backend.query(query(ns, null, 0, 10, later, "", new float[] {1, 0, 0, 0},
        SearchMode.VECTOR))).isEmpty();
    Item fresh = put(ns, "expired", Map.of("a", 3), later, null, null);
    assertThat(fresh.version()).isEqualTo(1);
    assertThat(raw().sync().hkeys(k.item("expired"))).containsExactlyInAnyOrder("v", "c", "u", "n");

    put(ns, "swept", Map.of("a", 4), T0, Duration.ofMinutes(1), index(MODEL, random, 1, 4));
    assertThat(backend.deleteExpired(later, 100)).isEqualTo(1);
    assertThat(raw().sync().exists(k.item("swept"))).isZero();
  }

  @Test
  void aCandidateReplacedAfterTheScanIsJudgedByItsNewValue() {
    // query.lua gets the version the scan read; a different one brings the new fields along.
    Namespace ns = Namespace.of("raced");
    Random random = new Random(13);
    Item old = put(ns, "k", Map.of("a", 1), T0, null, index(MODEL, random, 1, 4));
    put(ns, "k", Map.of("a", 2), T0.plusSeconds(1), null, index(MODEL, random, 1, 4));
    Keys.NamespaceKeys k = keys().of(ns);
    try (RedisLink link = RedisLink.open(RedisSettings.from(BackendUri.parse(uri(prefix))))) {
      List<?> same = (List<?>) link.evalAllBinary(List.of(new ScriptCall(LuaScript.QUERY,
          new String[] {k.item("k")}, new String[] {Micros.text(T0.plusSeconds(2)), "h", MODEL,
              "2"}, "test"))).get(0).get(0);
      assertThat(same).hasSize(3);
      List<?> changed = (List<?>) link.evalAllBinary(List.of(new ScriptCall(LuaScript.QUERY,
          new String[] {k.item("k")}, new String[] {Micros.text(T0.plusSeconds(2)), "v", MODEL,
              Long.toString(old.version())}, "test"))).get(0).get(0);
      assertThat(changed).hasSize(9);
      assertThat(new String((byte[]) changed.get(3), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"a\":2}");
      assertThat(changed.get(1)).as("no texts in vector mode").isNull();
      List<?> otherModel = (List<?>) link.evalAllBinary(List.of(new ScriptCall(LuaScript.QUERY,
          new String[] {k.item("k")}, new String[] {Micros.text(T0.plusSeconds(2)), "v",
              OTHER_MODEL, "2"}, "test"))).get(0).get(0);
      assertThat(otherModel).isEmpty();
    }
  }
}
