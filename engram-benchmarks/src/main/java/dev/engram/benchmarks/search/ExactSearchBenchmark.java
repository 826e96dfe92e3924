package dev.engram.benchmarks.search;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.Filter;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.SearchCommand;
import dev.engram.spi.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact search by vector, the path of Redis, of PostgreSQL without pgvector and of {@code memory:}
 * without the Lucene index: {@link ExactQuery} over {@value #ITEMS_TEXT} candidates of one
 * {@code dimensions}-float vector each (random, unit length), built as the backends build them (an
 * item and its {@link ItemIndex}), a page of 10. Beside it, in the same run, its floor: the time
 * to stream the same number of bytes through the core, as a copy ({@code System.arraycopy}) and as
 * a sum, of one array as large as all the vectors together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// As Engram's launcher starts the JVM: the scan runs on the vector module. Without it (run with
// -jvmArgsAppend "-Xms4g -Xmx4g"), this measures the scalar loops that applications run by default.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class ExactSearchBenchmark {
  static final String ITEMS_TEXT = "100,000";
  private static final String MODEL = "bench:random";
  private static final int QUERIES = 64;

  @Param("100000")
  public int items;

  @Param("384")
  public int dimensions;

  private List<ExactQuery.Candidate> candidates;
  private QueryCommand[] queries;
  private int next;
  /** As many bytes as all the vectors, for the floor. */
  private long[] source;
  private long[] target;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    Namespace namespace = Namespace.of("bench", "exact");
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    candidates = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      Item item = new Item(namespace, "item" + i, Map.of("text", "item " + i), now, now, null, 1);
      IndexEntry entry = new IndexEntry("text", "item " + i, unitVector(random));
      candidates.add(new ExactQuery.Candidate(item, new ItemIndex(MODEL, null, List.of(entry))));
    }
    SearchCommand scope = new SearchCommand(namespace, Filter.all(), 0, 10, now, false);
    queries = new QueryCommand[QUERIES];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = new QueryCommand(scope, "query", unitVector(random), SearchMode.VECTOR, MODEL);
    }
    source = new long[(int) ((long) items * dimensions * Float.BYTES / Long.BYTES)];
    for (int i = 0; i < source.length; i++) {
      source[i] = random.nextLong();
    }
    target = new long[source.length];
  }

  private float[] unitVector(SplittableRandom random) {
    float[] v = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Vectors.normalized(v);
  }

  /** The first page of 10, best first, of one query over every candidate. */
  @Benchmark
  public List<SearchItem> exactVectorPage() {
    QueryCommand query = queries[next];
    next = (next + 1) % QUERIES;
    return ExactQuery.page(query, candidates);
  }

  /** Copies as many bytes as the vectors hold: the memory-bandwidth floor as a copy. */
  @Benchmark
  public long[] floorCopy() {
    System.arraycopy(source, 0, target, 0, source.length);
    return target;
  }

  /** Reads as many bytes as the vectors hold: the memory-bandwidth floor as a read. */
  @Benchmark
  public long floorSum() {
    long sum = 0;
    for (long value : source) {
      sum += value;
    }
    return sum;
  }
}
