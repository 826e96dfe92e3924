package dev.engram.sqlite;

import static dev.engram.sqlite.Backends.T0;
import static dev.engram.sqlite.Indexed.NS;
import static dev.engram.sqlite.Indexed.keys;
import static dev.engram.sqlite.Indexed.keyword;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.SearchMode;
import dev.engram.spi.BackendUri;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index beside the SQLite file: derived from the records, caught up after a crash,
 * rebuilt when lost, held by one process while others answer exactly.
 */
class SqliteSearchIndexTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("engram.db");
  }

  private Path folder() {
    return dir.resolve("engram.db.index");
  }

  /** A store on the file whose process has no search index provider: records and log only. */
  private StoreBackend withoutIndex() {
    return SqliteStoreBackend.open(
        SqliteSettings.from(BackendUri.parse("sqlite:" + file())), null);
  }

  private static void putApples(StoreBackend store, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      store.put(Indexed.put(NS, prefix + i, "apple number " + i, T0));
    }
  }

  private static List<String> apples(StoreBackend store) {
    return keys(store.query(keyword(NS, "apple", T0))).stream().sorted().toList();
  }

  private static List<String> expected(String prefix, int count) {
    return Stream.iterate(0, i -> i + 1).limit(count).map(i -> prefix + i).sorted().toList();
  }

  @Test
  void theIndexLivesBesideTheFileAndFindsWhatWasPut() {
    try (StoreBackend store = Backends.open(file())) {
      putApples(store, "k", 5);
      store.put(Indexed.put(NS, "other", "bread and butter", T0));
      assertThat(apples(store)).containsExactlyElementsOf(expected("k", 5));
      assertThat(keys(store.query(Indexed.query(NS, "bread butter", SearchMode.VECTOR, T0))))
          .startsWith("other").hasSize(6);
    }
    assertThat(folder()).isDirectory();
  }

  @Test
  void aStoreThatNeverIndexesWritesNoIndexRowsAndNoFolder() throws Exception {
    try (StoreBackend store = Backends.open(file())) {
      store.put(Backends.put(NS, "a", "{\"x\":1}", T0));
      store.put(Backends.put(NS, "b", "{\"x\":2}", T0, Duration.ofSeconds(1), null));
      store.delete(NS, "a", null, T0);
      assertThat(store.deleteExpired(T0.plusSeconds(5), 10)).isEqualTo(1);
    }
    assertThat(count("index_changes")).isZero();
    assertThat(count("index_entries")).isZero();
    assertThat(folder()).doesNotExist();
  }

  @Test
  void deletingOrSweepingAnItemRemovesItsEntries() throws Exception {
    try (StoreBackend store = Backends.open(file())) {
      putApples(store, "k", 3);
      PutCommand brief = Indexed.put(NS, "brief", "apple for a second", T0);
      store.put(new PutCommand(brief.namespace(), brief.key(), brief.value(), T0,
          Duration.ofSeconds(1), null, brief.index()));
      assertThat(apples(store)).contains("brief");
      store.delete(NS, "k0", null, T0);
      assertThat(store.deleteExpired(T0.plusSeconds(5), 10)).isEqualTo(1);
      assertThat(apples(store)).containsExactly("k1", "k2");
    }
    assertThat(count("index_entries")).isEqualTo(2);
  }

  @Test
  void writesMadeWithoutTheIndexAreCaughtUpFromTheLog() {
    try (StoreBackend store = Backends.open(file())) {
      putApples(store, "a", 10);
      assertThat(apples(store)).hasSize(10);
    }
    // Records written and the index never told: as if the process died before indexing them.
    try (StoreBackend store = withoutIndex()) {
      putApples(store, "b", 10);
      store.delete(NS, "a0", null, T0);
      store.put(Indexed.put(NS, "a1", "no fruit here", T0));
    }
    try (StoreBackend store = Backends.open(file())) {
      List<String> want = new java.util.ArrayList<>(expected("a", 10));
      want.removeAll(List.of("a0", "a1"));
      want.addAll(expected("b", 10));
      assertThat(apples(store)).containsExactlyInAnyOrderElementsOf(want);
    }
  }

  @Test
  @Timeout(120)
  void aProcessKilledBeforeItsIndexCommittedLosesNothing() throws Exception {
    Process child = MultiProcessTest.start("indexed", file().toString(), "40");
    assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("ready");
    try (StoreBackend store = Backends.open(file())) {
      List<String> found = apples(store);
      assertThat(found).hasSize(80).containsAll(expected("r0-", 40)).containsAll(expected("r1-", 40));
    }
  }

  @Test
  void aMissingIndexIsRebuiltFromTheRecords() throws Exception {
    try (StoreBackend store = Backends.open(file())) {
      putApples(store, "k", 20);
      assertThat(apples(store)).hasSize(20);
    }
    deleteRecursively(folder());
    try (StoreBackend store = Backends.open(file())) {
      assertThat(apples(store)).containsExactlyElementsOf(expected("k", 20));
    }
  }

  @Test
  void aCorruptIndexIsRebuiltFromTheRecords() throws Exception {
    try (StoreBackend store = Backends.open(file())) {
      putApples(store, "k", 20);
      assertThat(apples(store)).hasSize(20);
    }
    try (Stream<Path> files = Files.list(folder())) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
        Files.write(f, "garbage".getBytes(StandardCharsets.UTF_8));
      }
    }
    try (StoreBackend store = Backends.open(file())) {
      assertThat(apples(store)).containsExactlyElementsOf(expected("k", 20));
    }
  }

  @Test
  void anIndexOfAnotherDatabaseIsNeverUsed() throws Exception {
    Path other = dir.resolve("other/engram.db");
    try (StoreBackend store = Backends.open(other)) {
      putApples(store, "theirs", 5);
      assertThat(apples(store)).hasSize(5);
    }
    try (StoreBackend store = withoutIndex()) {
      putApples(store, "mine", 3);
    }
    copyRecursively(other.resolveSibling("engram.db.index"), folder());
    try (StoreBackend store = Backends.open(file())) {
      assertThat(apples(store)).containsExactlyElementsOf(expected("mine", 3));
    }
  }

  @Test
  void aSecondStoreOnTheFileAnswersExactlyAndCurrentlyWhileTheFirstHoldsTheIndex() {
    try (StoreBackend first = Backends.open(file())) {
      putApples(first, "first", 3);
      assertThat(apples(first)).hasSize(3);
      try (StoreBackend second = Backends.open(file())) {
        putApples(second, "second", 2);
        assertThat(apples(second)).containsExactly("first0", "first1", "first2", "second0", "second1");
        first.delete(NS, "first0", null, T0);
        putApples(first, "late", 1);
        assertThat(apples(second)).containsExactly("first1", "first2", "late0", "second0", "second1");
        assertThat(apples(first)).containsExactly("first1", "first2", "late0", "second0", "second1");
      }
    }
    try (StoreBackend reopened = Backends.open(file())) {
      assertThat(apples(reopened)).containsExactly("first1", "first2", "late0", "second0", "second1");
    }
  }

  @Test
  @Timeout(120)
  void aSecondProcessAnswersCorrectlyWhileTheFirstHoldsTheIndex() throws Exception {
    try (StoreBackend first = Backends.open(file())) {
      putApples(first, "first", 3);
      assertThat(apples(first)).hasSize(3);
      Process child = MultiProcessTest.start("second", file().toString(), "child");
      assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output).contains("found: child,first0,first1,first2");
      assertThat(output).contains("open in another process");
      assertThat(apples(first)).containsExactly("child", "first0", "first1", "first2");
    }
  }

  @Test
  void settingsAreKeptWithTheData() {
    try (StoreBackend store = Backends.open(file())) {
      assertThat(store.readSetting("index")).isNull();
      store.writeSetting("index", "{\"a\":1}");
      store.writeSetting("index", "{\"a\":2}");
    }
    try (StoreBackend store = Backends.open(file())) {
      assertThat(store.readSetting("index")).isEqualTo("{\"a\":2}");
    }
  }

  @Test
  void reindexingScansInKeyOrderAndReplacesOnlyTheVersionItSaw() {
    try (StoreBackend store = Backends.open(file())) {
      store.put(Backends.put(Namespace.of("a", "b"), "plain", "{}", T0));
      putApples(store, "k", 3);
      store.put(Backends.put(NS, "gone", "{}", T0, Duration.ofSeconds(1), null));
      Instant later = T0.plusSeconds(2);
      assertThat(store.countItems(later)).isEqualTo(4);
      List<IndexedItem> first = store.scanForIndex(null, null, 2, later);
      assertThat(first).extracting(i -> i.item().key()).containsExactly("plain", "k0");
      assertThat(first.get(0).model()).isNull();
      assertThat(first.get(1).model()).isEqualTo(Indexed.MODEL);
      assertThat(store.scanForIndex(NS, "k0", 10, later)).extracting(i -> i.item().key())
          .containsExactly("k1", "k2");
      assertThat(store.reindexItem(NS, "k1", 2, Indexed.index("banana"), later)).isFalse();
      assertThat(store.reindexItem(NS, "k1", 1, Indexed.index("banana"), later)).isTrue();
      assertThat(apples(store)).containsExactly("k0", "k2");
      assertThat(keys(store.query(keyword(NS, "banana", later)))).containsExactly("k1");
    }
  }

  private long count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      return rs.getLong(1);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
  }
}
