package dev.engram.sqlite;

import static dev.engram.sqlite.Backends.T0;
import static dev.engram.sqlite.Backends.json;
import static dev.engram.sqlite.Backends.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.BackendUnavailableException;
import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.VersionConflictException;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SqliteBackendTest {
  private static final Namespace NS = Namespace.of("users", "alice");

  @TempDir Path dir;
  private Path file;
  private StoreBackend store;

  @BeforeEach
  void open() {
    file = dir.resolve("sub/folder/engram.db");
    store = Backends.open(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void namesTheAbsoluteFileAndCreatesFolders() {
    assertThat(store.name()).isEqualTo("sqlite:" + file.toAbsolutePath().normalize());
    assertThat(Files.exists(file)).isTrue();
    assertThat(store.transactional()).isTrue();
  }

  @Test
  void rejectsUnknownAndInvalidParameters() {
    assertThatThrownBy(() -> Backends.open("sqlite:" + dir.resolve("x.db") + "?busyTimeout=5"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("busyTimeout");
    assertThatThrownBy(() -> Backends.open("sqlite:" + dir.resolve("x.db") + "?synchronous=off"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("synchronous");
    assertThatThrownBy(() -> Backends.open("sqlite:"))
        .isInstanceOf(InvalidInputException.class);
    try (StoreBackend other =
        Backends.open("sqlite:" + dir.resolve("y.db") + "?busyTimeoutMs=100&synchronous=full"
            + "&readers=2")) {
      other.put(put(NS, "k", "{}", T0));
      assertThat(other.get(NS, "k", T0, false)).isNotNull();
    }
  }

  @Test
  void putGetDeleteWithVersions() {
    Item first = store.put(put(NS, "k", "{\"a\":1}", T0));
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.createdAt()).isEqualTo(T0);
    Instant later = T0.plusSeconds(5);
    Item second = store.put(put(NS, "k", "{\"a\":2.50}", later));
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.createdAt()).isEqualTo(T0);
    assertThat(second.updatedAt()).isEqualTo(later);
    assertThat(store.get(NS, "k", later, false)).isEqualTo(second);
    assertThat(store.get(NS, "other", later, false)).isNull();
    assertThat(store.delete(NS, "k", null, later)).isTrue();
    assertThat(store.delete(NS, "k", null, later)).isFalse();
    assertThat(store.get(NS, "k", later, false)).isNull();
  }

  @Test
  void conditionalPutAndDelete() {
    store.put(put(NS, "k", "{}", T0, null, 0L));
    assertThatThrownBy(() -> store.put(put(NS, "k", "{\"x\":1}", T0, null, 0L)))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.expectedVersion()).isZero();
              assertThat(e.actualVersion()).isEqualTo(1L);
              assertThat(e.getMessage()).contains("users.alice/k");
            });
    assertThatThrownBy(() -> store.put(put(NS, "k", "{\"x\":1}", T0, null, 2L)))
        .isInstanceOf(VersionConflictException.class);
    assertThat(store.get(NS, "k", T0, false).value()).isEmpty();
    assertThat(store.put(put(NS, "k", "{\"x\":1}", T0, null, 1L)).version()).isEqualTo(2);
    assertThatThrownBy(() -> store.put(put(NS, "absent", "{}", T0, null, 1L)))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.actualVersion()).isNull());
    assertThatThrownBy(() -> store.delete(NS, "k", 1L, T0))
        .isInstanceOf(VersionConflictException.class);
    assertThatThrownBy(() -> store.delete(NS, "k", 0L, T0))
        .isInstanceOf(VersionConflictException.class);
    assertThat(store.delete(NS, "absent", 0L, T0)).isFalse();
    assertThat(store.delete(NS, "k", 2L, T0)).isTrue();
    assertThat(store.get(NS, "k", T0, false)).isNull();
  }

  @Test
  void expiredItemIsAbsentAndRecreatedFresh() {
    store.put(put(NS, "k", "{}", T0, Duration.ofSeconds(10), null));
    store.put(put(NS, "k", "{}", T0.plusSeconds(1), Duration.ofSeconds(10), null));
    Instant after = T0.plusSeconds(11);
    assertThat(store.get(NS, "k", after, false)).isNull();
    assertThat(store.namespaces(Namespace.root(), after)).isEmpty();
    assertThat(store.delete(NS, "k", null, after)).isFalse();
    store.put(put(NS, "k", "{}", T0.plusSeconds(1), Duration.ofSeconds(10), null));
    Item fresh = store.put(put(NS, "k", "{}", T0.plusSeconds(20), null, 0L));
    assertThat(fresh.version()).isEqualTo(1);
    assertThat(fresh.createdAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(fresh.expiresAt()).isNull();
  }

  @Test
  void refreshingReadsRenewTheTtl() {
    store.put(put(NS, "k", "{\"n\":1}", T0, Duration.ofSeconds(10), null));
    store.put(put(NS, "plain", "{\"n\":2}", T0, null, null));
    Instant t = T0.plusSeconds(8);
    assertThat(store.get(NS, "k", t, false).expiresAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.get(NS, "k", t, true).expiresAt()).isEqualTo(t.plusSeconds(10));
    assertThat(store.get(NS, "k", t.plusSeconds(9), false)).isNotNull();
    assertThat(store.get(NS, "plain", t, true).expiresAt()).isNull();
    assertThat(store.get(NS, "gone", t, true)).isNull();
    Instant u = t.plusSeconds(9);
    List<Item> page =
        store.search(new SearchCommand(NS, Filter.all(), 0, 10, u, true));
    assertThat(page).extracting(Item::key).containsExactly("k", "plain");
    assertThat(page.get(0).expiresAt()).isEqualTo(u.plusSeconds(10));
    assertThat(store.get(NS, "k", u.plusSeconds(9), false).expiresAt())
        .isEqualTo(u.plusSeconds(10));
  }

  @Test
  void sweepDeletesInBatches() {
    for (int i = 0; i < 25; i++) {
      store.put(put(NS, "e" + i, "{}", T0, Duration.ofSeconds(1), null));
    }
    store.put(put(NS, "keep", "{}", T0, null, null));
    Instant later = T0.plusSeconds(1);
    assertThat(store.deleteExpired(later, 10)).isEqualTo(10);
    assertThat(store.deleteExpired(later, 10)).isEqualTo(10);
    assertThat(store.deleteExpired(later, 10)).isEqualTo(5);
    assertThat(store.deleteExpired(later, 10)).isZero();
    assertThat(store.get(NS, "keep", later, false)).isNotNull();
  }

  @Test
  void listsNamespacesByWholeLabels() {
    for (String ns : List.of("a", "a.b", "a.b.c", "a.b-c", "a.bc", "a.b.d", "ab", "b", "a-")) {
      store.put(put(Namespace.parse(ns), "k1", "{}", T0));
      store.put(put(Namespace.parse(ns), "k2", "{}", T0));
    }
    store.put(put(Namespace.parse("a.b.e"), "k", "{}", T0, Duration.ofSeconds(1), null));
    Instant now = T0.plusSeconds(2);
    assertThat(store.namespaces(Namespace.root(), now))
        .extracting(Namespace::toString)
        .containsExactly("a", "a-", "a.b", "a.b-c", "a.b.c", "a.b.d", "a.bc", "ab", "b");
    assertThat(store.namespaces(Namespace.parse("a.b"), now))
        .extracting(Namespace::toString)
        .containsExactly("a.b", "a.b.c", "a.b.d");
    assertThat(store.namespaces(Namespace.parse("a.b"), T0))
        .extracting(Namespace::toString)
        .containsExactly("a.b", "a.b.c", "a.b.d", "a.b.e");
    assertThat(store.namespaces(Namespace.parse("a.b.c.d"), now)).isEmpty();
    List<Item> under =
        store.search(new SearchCommand(Namespace.parse("a.b"), Filter.all(), 0, 100, now, false));
    assertThat(under).extracting(i -> i.namespace().toString())
        .containsExactly("a.b", "a.b", "a.b.c", "a.b.c", "a.b.d", "a.b.d");
  }

  @Test
  void searchOrdersByCodePointAndPages() {
    // U+1F600 (a surrogate pair in Java) sorts after U+FF5E by code point, before it by UTF-16.
    List<String> keys = List.of("\uD83D\uDE00", "\uFF5E", "b", "a", "B");
    for (String k : keys) {
      store.put(put(NS, k, "{\"k\":\"" + k + "\"}", T0));
    }
    store.put(put(NS, "newest", "{}", T0.plusSeconds(1)));
    List<Item> all = store.search(new SearchCommand(NS, Filter.all(), 0, 10, T0.plusSeconds(1), false));
    assertThat(all).extracting(Item::key)
        .containsExactly("newest", "B", "a", "b", "\uFF5E", "\uD83D\uDE00");
    List<Item> page = store.search(new SearchCommand(NS, Filter.all(), 2, 2, T0.plusSeconds(1), false));
    assertThat(page).extracting(Item::key).containsExactly("a", "b");
    Filter f = Filter.parse(JsonCodec.parseObject("{\"k\":{\"$gt\":\"a\"}}", "f"));
    assertThat(store.search(new SearchCommand(NS, f, 1, 2, T0.plusSeconds(1), false)))
        .extracting(Item::key).containsExactly("\uFF5E", "\uD83D\uDE00");
  }

  @Test
  void valuesRoundTripExactly() {
    String text = "{\"big\":123456789012345678901234567890,\"dec\":1.10,\"nul\":\"a\\u0000b\","
        + "\"astral\":\"\uD83D\uDE00\",\"nested\":{\"l\":[1,null,true,{\"x\":-0.5e-7}]}}";
    store.put(put(NS, "k", text, T0));
    assertThat(store.get(NS, "k", T0, false).value()).isEqualTo(json(text).canonical());
  }

  @Test
  void transactionsCommitRollBackAndSeeOwnWrites() {
    store.inTransaction(
        () -> {
          store.put(put(NS, "a", "{}", T0));
          assertThat(store.get(NS, "a", T0, false)).isNotNull();
          assertThat(store.search(new SearchCommand(NS, Filter.all(), 0, 10, T0, false)))
              .hasSize(1);
          return store.inTransaction(() -> store.put(put(NS, "b", "{}", T0)));
        });
    assertThat(store.get(NS, "b", T0, false)).isNotNull();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    () -> {
                      store.put(put(NS, "c", "{}", T0));
                      store.delete(NS, "a", null, T0);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.get(NS, "c", T0, false)).isNull();
    assertThat(store.get(NS, "a", T0, false)).isNotNull();
  }

  @Test
  void concurrentThreadsPutAndRead() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    store.put(put(NS, "shared", "{}", T0));
                    store.put(put(NS, "t" + thread + "-" + i, "{\"i\":" + i + "}", T0));
                    assertThat(store.get(NS, "t" + thread + "-" + i, T0, false)).isNotNull();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get(NS, "shared", T0, false).version()).isEqualTo(1600);
    assertThat(store.search(new SearchCommand(NS, Filter.all(), 0, 10_000, T0, false)))
        .hasSize(1601);
  }

  @Test
  void dataSurvivesReopen() {
    store.put(put(NS, "k", "{\"a\":1}", T0));
    store.close();
    store = Backends.open(file);
    assertThat(store.get(NS, "k", T0, false).value()).containsEntry("a", 1);
  }

  @Test
  void recordsTheSchemaVersionAndRefusesANewerOne() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("PRAGMA user_version")) {
        assertThat(rs.getInt(1)).isEqualTo(Schema.CURRENT_VERSION);
      }
      try (var rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      s.execute("PRAGMA user_version=" + (Schema.CURRENT_VERSION + 1));
    }
    assertThatThrownBy(() -> Backends.open(file))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("newer");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version=" + Schema.CURRENT_VERSION);
    }
    store = Backends.open(file);
  }

  @Test
  void migratesAnEmptyFileFromVersionZero() throws Exception {
    Path blank = dir.resolve("blank.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + blank);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE unrelated (x)");
    }
    try (StoreBackend b = Backends.open(blank)) {
      b.put(put(NS, "k", "{}", T0));
      assertThat(b.get(NS, "k", T0, false)).isNotNull();
    }
  }

  @Test
  void closedStoreFailsClearly() {
    store.close();
    assertThatThrownBy(() -> store.get(NS, "k", T0, false))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining(store.name())
        .hasMessageContaining("users.alice/k");
    store = Backends.open(file);
  }

  @Test
  void lockHeldPastTheBusyTimeoutIsReportedAsUnavailable() throws Exception {
    try (StoreBackend impatient = Backends.open("sqlite:" + file + "?busyTimeoutMs=100");
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      assertThatThrownBy(() -> impatient.put(put(NS, "k", "{}", T0)))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining(impatient.name())
          .hasMessageContaining("users.alice/k")
          .hasMessageContaining("busyTimeoutMs");
      // Readers are not blocked by a writer in WAL mode.
      assertThat(impatient.get(NS, "k", T0, false)).isNull();
      s.execute("ROLLBACK");
      assertThat(impatient.put(put(NS, "k", "{}", T0)).version()).isEqualTo(1);
    }
  }
}
