package dev.engram.benchmarks;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Put, get and filtered search through Engram's public {@link Store} API on PostgreSQL, and batched
 * puts ({@value PostgresBenchServer#BATCH} per {@link Store#batch}, reported per item) beside
 * single ones. {@link PostgresRawJdbcBenchmark} is the floor, run on the same server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostgresStoreBenchmark {
  private Store store;
  private final BenchData.Cursor cursor = new BenchData.Cursor();
  private final Namespace[] namespaces = new Namespace[BenchData.ITEMS];
  private SearchRequest search;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    store = PostgresBenchServer.freshLoadedStore(PostgresBenchServer.STORE_SCHEMA);
    for (int i = 0; i < BenchData.ITEMS; i++) {
      namespaces[i] = Namespace.of(BenchData.namespaceLabels(i));
    }
    search =
        SearchRequest.builder()
            .namespacePrefix(Namespace.of("bench", "tenant" + BenchData.SEARCH_TENANT))
            .filter(Map.of("group", BenchData.SEARCH_GROUP, "n", Map.of("$gte", 0)))
            .limit(BenchData.SEARCH_LIMIT)
            .build();
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    store.close();
    PostgresBenchServer.dropSchema(PostgresBenchServer.STORE_SCHEMA);
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

  /** One batch of puts; the score is per put. */
  @Benchmark
  @OperationsPerInvocation(PostgresBenchServer.BATCH)
  public List<Object> batchPut() {
    List<StoreOp> ops = new ArrayList<>(PostgresBenchServer.BATCH);
    for (int n = 0; n < PostgresBenchServer.BATCH; n++) {
      int i = cursor.nextItem();
      ops.add(StoreOp.put(namespaces[i], BenchData.key(i), BenchData.value(i)));
    }
    return store.batch(ops);
  }
}
