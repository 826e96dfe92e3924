package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.TextOrder;
import dev.engram.VersionConflictException;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import dev.engram.testkit.WordVectors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How index entries follow their items, below the engine, on one server: written with the put,
 * replaced by the next, left alone by a put without an index, gone with the item however it goes;
 * and what reindexing reads and writes. Tables are inspected after the store is closed (the
 * PGlite server takes one client at a time).
 */
abstract class IndexStorageTests {
  static final Namespace NS = Namespace.of("docs");
  static final WordVectors MODEL = WordVectors.model();

  /** The test's schema, fresh. */
  private final String schema = newSchema();

  /** A new schema name. */
  abstract String newSchema();

  /** The store URI of a schema. */
  abstract String uri(String schema);

  /** A plain connection to the server, used while no store is open. */
  abstract Connection connect() throws SQLException, InterruptedException;

  private StoreBackend open() {
    return PgFixture.open(uri(schema));
  }

  static ItemIndex index(String... texts) {
    return index(WordVectors.ID, null, texts);
  }

  static ItemIndex index(String model, @Nullable List<String> fields, String... texts) {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      entries.add(new IndexEntry("notes[" + i + "]", texts[i], MODEL.embed(texts[i])));
    }
    return new ItemIndex(model, fields, entries);
  }

  static PutCommand put(String key, @Nullable ItemIndex index) {
    return put(key, index, T0, null, null);
  }

  static PutCommand put(String key, @Nullable ItemIndex index, Instant now, @Nullable Duration ttl,
      @Nullable Long ifVersion) {
    return new PutCommand(NS, key, JsonCodec.encode(Map.of("k", key), "value"), now, ttl,
        ifVersion, index);
  }

  /** The texts of the item's entries in order, and its index columns. */
  private List<String> stored(String key) throws SQLException, InterruptedException {
    List<String> found = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT index_model, index_fields, index_words FROM "
          + schema + ".engram_items WHERE key = '" + key + "'")) {
        if (rs.next()) {
          found.add("item " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT ord, path, text FROM " + schema
          + ".engram_index_entries WHERE key = '" + key + "' ORDER BY ord")) {
        while (rs.next()) {
          found.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
    return found;
  }

  @Test
  void aPutReplacesTheEntriesAndAPutWithoutAnIndexLeavesThem() throws Exception {
    try (StoreBackend store = open()) {
      store.put(put("k", index("one two", "three", "four five six")));
      store.put(put("k", index("seven")));
      store.put(put("other", index("eight")));
      store.put(put("k", null));
    }
    assertThat(stored("k")).containsExactly("item test:words null 1", "1 notes[0] seven");
    try (StoreBackend store = open()) {
      store.put(put("k", new ItemIndex(WordVectors.ID, List.of(), List.of())));
    }
    assertThat(stored("k")).containsExactly("item test:words [] null");
    assertThat(stored("other")).containsExactly("item test:words null 1", "1 notes[0] eight");
  }

  @Test
  void entriesGoWithTheirItemHoweverItGoes() throws Exception {
    try (StoreBackend store = open()) {
      store.put(put("deleted", index("a b")));
      store.delete(NS, "deleted", null, T0);
      store.put(put("swept", index("c d"), T0, Duration.ofMinutes(1), null));
      assertThat(store.deleteExpired(T0.plus(Duration.ofMinutes(2)), 10)).isEqualTo(1);
      store.put(put("expired", index("e f"), T0, Duration.ofMinutes(1), null));
      store.put(put("expired", index("g"), T0.plus(Duration.ofMinutes(2)), null, 0L));
    }
    assertThat(stored("deleted")).isEmpty();
    assertThat(stored("swept")).isEmpty();
    assertThat(stored("expired")).containsExactly("item test:words null 1", "1 notes[0] g");
  }

  @Test
  void aConditionalPutThatFailsLeavesTheEntries() throws Exception {
    try (StoreBackend store = open()) {
      store.put(put("k", index("kept text")));
      assertThatThrownBy(() -> store.put(put("k", index("lost"), T0, null, 0L)))
          .isInstanceOf(VersionConflictException.class);
      assertThatThrownBy(() -> store.put(put("k", index("lost"), T0, null, 7L)))
          .isInstanceOf(VersionConflictException.class);
      store.put(put("k", index("replaced", "twice"), T0, null, 1L));
    }
    assertThat(stored("k"))
        .containsExactly("item test:words null 2", "1 notes[0] replaced", "2 notes[1] twice");
  }

  @Test
  void reindexingReplacesTheIndexOfTheVersionItWasGiven() throws Exception {
    try (StoreBackend store = open()) {
      store.put(put("k", index("first")));
      store.put(put("k", index("second")));
      assertThat(store.reindexItem(NS, "k", 1, index("stale"), T0)).isFalse();
      assertThat(store.reindexItem(NS, "gone", 1, index("none"), T0)).isFalse();
      ItemIndex own = index(WordVectors.OTHER_ID, List.of("title", "a\u0000b"), "third word");
      assertThat(store.reindexItem(NS, "k", 2, own, T0)).isTrue();
      assertThat(store.get(NS, "k", T0, false).version()).isEqualTo(2);
      assertThat(store.scanForIndex(null, null, 10, T0))
          .singleElement()
          .satisfies(item -> {
            assertThat(item.model()).isEqualTo(WordVectors.OTHER_ID);
            assertThat(item.fields()).containsExactly("title", "a\u0000b");
          });
    }
    assertThat(stored("k")).containsExactly(
        "item test:words-other [\"title\",\"a\\u0000b\"] 2", "1 notes[0] third word");
  }

  @Test
  void theScanPagesThroughVisibleItemsInCodePointOrder() {
    List<String> addresses = List.of("a/k", "a.b/k", "a-b/k", "B/k", "\u00e9/k", "a/K", "a/\u00e9",
        "a/\uD83D\uDE00", "a/\uFF5E", "ab/k");
    try (StoreBackend store = open()) {
      for (String address : addresses) {
        String[] parts = address.split("/");
        store.put(new PutCommand(Namespace.parse(parts[0]), parts[1],
            JsonCodec.encode(Map.of(), "value"), T0, null, null,
            address.startsWith("a/") ? index("x") : null));
      }
      store.put(new PutCommand(Namespace.of("a"), "expired", JsonCodec.encode(Map.of(), "value"),
          T0, Duration.ofMinutes(1), null, null));
      Instant later = T0.plus(Duration.ofMinutes(2));
      assertThat(store.countItems(later)).isEqualTo(addresses.size());
      assertThat(store.countItems(T0)).isEqualTo(addresses.size() + 1);

      List<IndexedItem> scanned = new ArrayList<>();
      Item last = null;
      for (List<IndexedItem> page = store.scanForIndex(null, null, 3, later); !page.isEmpty();
          page = store.scanForIndex(last.namespace(), last.key(), 3, later)) {
        scanned.addAll(page);
        last = page.get(page.size() - 1).item();
      }
      List<String> expected = new ArrayList<>(addresses);
      expected.sort(Comparator.<String, String>comparing(a -> a.split("/")[0], TextOrder.CODE_POINT)
          .thenComparing(a -> a.split("/")[1], TextOrder.CODE_POINT));
      assertThat(scanned).extracting(i -> i.item().namespace() + "/" + i.item().key())
          .containsExactlyElementsOf(expected);
      assertThat(scanned).allSatisfy(i -> assertThat(i.model())
          .isEqualTo(i.item().namespace().toString().equals("a") ? WordVectors.ID : null));
    }
  }

  @Test
  void settingsAreKeptWithTheData() {
    try (StoreBackend store = open()) {
      assertThat(store.readSetting("index")).isNull();
      store.writeSetting("index", "{\"embedder\":\"a\"}");
      store.writeSetting("index", "{\"embedder\":\"b\"}");
      store.writeSetting("other", "[]");
    }
    try (StoreBackend store = open()) {
      assertThat(store.readSetting("index")).isEqualTo("{\"embedder\":\"b\"}");
      assertThat(store.readSetting("other")).isEqualTo("[]");
    }
  }
}
