package dev.engram.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Engram beside its floor, call by call: each round runs one Engram operation and the equivalent
 * raw pgjdbc one (in alternating order), on the same data and code as {@link
 * PostgresStoreBenchmark} and {@link PostgresRawJdbcBenchmark}. On a machine shared with other
 * work the load drifts over minutes, which moves two JMH benchmarks run one after the other
 * apart; here both sides see the same moments, so the ratio of their medians stays meaningful.
 *
 * <pre>{@code java -cp engram-benchmarks/target/benchmarks.jar \
 *     dev.engram.benchmarks.PostgresAlternatingRun [rounds]}</pre>
 */
public final class PostgresAlternatingRun {

  /** One call of a benchmark method. */
  @FunctionalInterface
  private interface Call {
    Object run() throws Exception;
  }

  private PostgresAlternatingRun() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    PostgresStoreBenchmark engram = new PostgresStoreBenchmark();
    PostgresRawJdbcBenchmark raw = new PostgresRawJdbcBenchmark();
    engram.open();
    raw.open();
    try {
      System.out.printf("%-44s %12s %12s %8s%n", "operation (median / p90, us per item)", "engram",
          "floor", "ratio");
      compare("get", rounds, 1, engram::get, raw::get);
      compare("put", rounds, 1, engram::put, raw::put);
      compare("filteredSearch", rounds, 1, engram::filteredSearch, raw::filteredSearch);
      int batches = Math.max(20, rounds / PostgresBenchServer.BATCH);
      compare("batchPut (per item)", batches, PostgresBenchServer.BATCH, engram::batchPut,
          raw::batchPut);
      compare("Engram: single put vs batchPut per item", batches, 1, engram::put,
          () -> engram.batchPut(), PostgresBenchServer.BATCH);
    } finally {
      engram.close();
      raw.close();
    }
  }

  private static void compare(String name, int rounds, int perCall, Call a, Call b)
      throws Exception {
    compare(name, rounds, perCall, a, b, perCall);
  }

  /** Warms both up, then times them alternately and prints medians, p90s and their ratio. */
  private static void compare(
      String name, int rounds, int perCallA, Call a, Call b, int perCallB) throws Exception {
    int warmup = Math.max(10, rounds / 5);
    for (int i = 0; i < warmup; i++) {
      a.run();
      b.run();
    }
    long[] ta = new long[rounds];
    long[] tb = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      boolean aFirst = i % 2 == 0;
      if (aFirst) {
        ta[i] = time(a);
        tb[i] = time(b);
      } else {
        tb[i] = time(b);
        ta[i] = time(a);
      }
    }
    Arrays.sort(ta);
    Arrays.sort(tb);
    double medianA = ta[rounds / 2] / 1e3 / perCallA;
    double medianB = tb[rounds / 2] / 1e3 / perCallB;
    double p90A = ta[rounds * 9 / 10] / 1e3 / perCallA;
    double p90B = tb[rounds * 9 / 10] / 1e3 / perCallB;
    System.out.printf(Locale.ROOT, "%-44s %5.1f/%6.1f %5.1f/%6.1f %8.2f%n", name, medianA, p90A,
        medianB, p90B, medianA / medianB);
  }

  private static long time(Call call) throws Exception {
    long start = System.nanoTime();
    call.run();
    return System.nanoTime() - start;
  }
}
