package dev.engram.benchmarks;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.core.Engram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Put, get and filtered search through Engram's public {@link Store} API, per backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StoreBenchmark {

  @Param({"memory", "sqlite"})
  public String backend;

  private Path dir;
  private Store store;
  private final BenchData.Cursor cursor = new BenchData.Cursor();
  private final Namespace[] namespaces = new Namespace[BenchData.ITEMS];
  private SearchRequest search;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("engram-bench");
    String uri = backend.equals("memory") ? "memory:" : "sqlite:" + dir.resolve("engram.db");
    store = Engram.store(uri).backgroundSweep(false).refreshOnRead(false).open();
    for (int i = 0; i < BenchData.ITEMS; i++) {
      namespaces[i] = Namespace.of(BenchData.namespaceLabels(i));
    }
    for (int i = 0; i < BenchData.ITEMS; i++) {
      store.put(namespaces[i], BenchData.key(i), BenchData.value(i));
    }
    search =
        SearchRequest.builder()
            .namespacePrefix(Namespace.of("bench", "tenant" + BenchData.SEARCH_TENANT))
            .filter(Map.of("group", BenchData.SEARCH_GROUP, "n", Map.of("$gte", 0)))
            .limit(BenchData.SEARCH_LIMIT)
            .build();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Optional<Item> get() {
    int i = cursor.nextItem();
    return store.get(namespaces[i], BenchData.key(i));
  }

  @Benchmark
  public Item put() {
    int i = cursor.nextItem();
    return store.put(namespaces[i], BenchData.key(i), BenchData.value(i));
  }

  @Benchmark
  public List<SearchItem> filteredSearch() {
    return store.search(search);
  }
}
