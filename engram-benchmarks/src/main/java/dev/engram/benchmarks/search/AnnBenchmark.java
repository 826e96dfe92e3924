package dev.engram.benchmarks.search;

import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Approximate nearest neighbours on Fashion-MNIST (60,000 stored images × 784 pixels, queries from
 * the 10,000 test images): recall@10 against the exact cosine top 10, and single-thread queries per
 * second through Engram's search path beside raw Lucene with the same HNSW settings, in one run.
 *
 * <p>First raw Lucene is measured for each candidates value (efSearch: the neighbours a search
 * collects); then, for the smallest value that reaches the recall target (or the values given),
 * Engram and raw Lucene are timed in alternating rounds and the medians compared, and Engram is
 * also set beside the sweep's raw Lucene of at least Engram's recall. (Engram's index holds a
 * second document per item, for keywords, so it is cut into segments differently from the plain
 * index, and each segment's graph is searched: recall at the same settings can differ.)
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar \
 *     dev.engram.benchmarks.search.AnnBenchmark \
 *     [--data /usr/share/datasets/fashion-mnist] [--queries 1000] [--m 16] [--beam-width 100] \
 *     [--candidates 10,16,24,32,48,64,96,128] [--engram-candidates 32] [--target 0.98] [--rounds 5]
 * </pre>
 */
public final class AnnBenchmark {
  private static final int TOP = 10;
  private static final String ID = "bench:fashion-mnist";

  private AnnBenchmark() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    long start = System.nanoTime();
    float[][] train =
        FashionMnist.read(options.data.resolve(FashionMnist.TRAIN), Integer.MAX_VALUE);
    float[][] test = FashionMnist.read(options.data.resolve(FashionMnist.TEST), options.queries);
    AnnData data = new AnnData(train, test, TOP);
    print("data: %d stored × %d dimensions, %d queries, exact top %d by cosine in %.1f s",
        train.length, train[0].length, test.length, TOP, seconds(start));
    print("HNSW: M=%d beamWidth=%d; JVM %s, %s",
        options.m, options.beamWidth, Runtime.version(), vectorModule());

    start = System.nanoTime();
    SearchIndexSettings graph = options.settings(SearchIndexSettings.DEFAULT.candidates());
    try (RawLuceneKnn raw = new RawLuceneKnn(train, graph)) {
      print("raw Lucene: indexed in %.1f s, %d segments", seconds(start), raw.segments());
      // Compiles the search path before the first figure is taken.
      SearchIndexSettings widest = options.settings(options.candidates.getLast());
      measure(data, q -> raw.search(test[q], TOP, widest), options.rounds);
      print("%-10s %-12s %10s %10s", "candidates", "path", "recall@10", "queries/s");
      Integer chosen = null;
      List<Measured> sweep = new ArrayList<>();
      for (int candidates : options.candidates) {
        SearchIndexSettings settings = options.settings(candidates);
        Measured m = measure(data, q -> raw.search(test[q], TOP, settings), options.rounds);
        sweep.add(m);
        print("%-10d %-12s %10.4f %10.0f", candidates, "raw Lucene", m.recall, m.perSecond);
        if (chosen == null && m.recall >= options.target) {
          chosen = candidates;
        }
      }
      List<Integer> engramCandidates =
          options.engramCandidates.isEmpty()
              ? List.of(chosen == null ? options.candidates.getLast() : chosen)
              : options.engramCandidates;
      Map<String, float[][]> tables = Map.of("train", train, "test", test);
      VectorTableEmbedder embedder = new VectorTableEmbedder(ID, train[0].length, tables);
      for (int candidates : engramCandidates) {
        SearchIndexSettings settings = options.settings(candidates);
        start = System.nanoTime();
        try (EngramKnn engram = new EngramKnn(embedder, "train", train.length, settings)) {
          print("Engram memory: store with hnswCandidates=%d: %d puts in %.1f s",
              candidates, train.length, seconds(start));
          Side[] sides = {
            new Side("raw Lucene", q -> raw.search(test[q], TOP, settings)),
            new Side("Engram", q -> engram.search(VectorTableEmbedder.text("test", q), TOP))
          };
          Measured[] results = alternate(data, sides, options.rounds);
          for (int i = 0; i < sides.length; i++) {
            print("%-10d %-12s %10.4f %10.0f", candidates, sides[i].name, results[i].recall,
                results[i].perSecond);
          }
          print("%-10d Engram / raw Lucene queries/s: %.2f at the same settings", candidates,
              results[1].perSecond / results[0].perSecond);
          int equal = 0;
          while (equal < sweep.size() && sweep.get(equal).recall < results[1].recall) {
            equal++;
          }
          if (equal < sweep.size()) {
            print("%-10d Engram / raw Lucene queries/s: %.2f at equal recall (raw Lucene with"
                    + " candidates=%d: recall %.4f, %.0f queries/s, from the sweep above)",
                candidates, results[1].perSecond / sweep.get(equal).perSecond,
                options.candidates.get(equal), sweep.get(equal).recall, sweep.get(equal).perSecond);
          } else {
            print("%-10d raw Lucene reaches Engram's recall with none of the swept candidates",
                candidates);
          }
        }
      }
    }
  }

  /** One way to answer query number {@code q} with the rows of its nearest stored vectors. */
  @FunctionalInterface
  interface Search {
    int[] rows(int q) throws IOException;
  }

  record Side(String name, Search search) {}

  /** Mean recall@10 and the median of the rounds' single-thread queries per second. */
  record Measured(double recall, double perSecond) {}

  private static Measured measure(AnnData data, Search search, int rounds) throws IOException {
    return alternate(data, new Side[] {new Side("", search)}, rounds)[0];
  }

  /**
   * A warm-up pass over every query per side (which also gives recall), then {@code rounds} timed
   * passes, the sides taking turns within each round so that both see the same machine.
   */
  private static Measured[] alternate(AnnData data, Side[] sides, int rounds) throws IOException {
    int queries = data.queries.length;
    double[] recall = new double[sides.length];
    double[][] perSecond = new double[sides.length][rounds];
    for (int s = 0; s < sides.length; s++) {
      for (int q = 0; q < queries; q++) {
        recall[s] += data.recall(q, sides[s].search.rows(q));
      }
      recall[s] /= queries;
    }
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < sides.length; s++) {
        long start = System.nanoTime();
        for (int q = 0; q < queries; q++) {
          sink += sides[s].search.rows(q)[0];
        }
        perSecond[s][round] = queries / seconds(start);
      }
    }
    if (sink == Long.MIN_VALUE) {
      print("(unreachable: keeps the results alive)");
    }
    Measured[] measured = new Measured[sides.length];
    for (int s = 0; s < sides.length; s++) {
      Arrays.sort(perSecond[s]);
      measured[s] = new Measured(recall[s], perSecond[s][rounds / 2]);
    }
    return measured;
  }

  private static String vectorModule() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? "jdk.incubator.vector on (Lucene's vectorized code)"
        : "WITHOUT jdk.incubator.vector (Lucene's scalar code:"
            + " add --add-modules jdk.incubator.vector)";
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  /** The command line. */
  private record Options(
      Path data, int queries, int m, int beamWidth, List<Integer> candidates,
      List<Integer> engramCandidates, double target, int rounds) {

    SearchIndexSettings settings(int searchCandidates) {
      return new SearchIndexSettings(m, beamWidth, searchCandidates);
    }

    static Options parse(String[] args) {
      Path data = Path.of("/usr/share/datasets/fashion-mnist");
      int queries = 1000;
      int m = SearchIndexSettings.DEFAULT.maxConnections();
      int beamWidth = SearchIndexSettings.DEFAULT.beamWidth();
      List<Integer> candidates = List.of(10, 16, 24, 32, 48, 64, 96, 128);
      List<Integer> engramCandidates = List.of();
      double target = 0.98;
      int rounds = 5;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--data" -> data = Path.of(value);
          case "--queries" -> queries = Integer.parseInt(value);
          case "--m" -> m = Integer.parseInt(value);
          case "--beam-width" -> beamWidth = Integer.parseInt(value);
          case "--candidates" -> candidates = ints(value);
          case "--engram-candidates" -> engramCandidates = ints(value);
          case "--target" -> target = Double.parseDouble(value);
          case "--rounds" -> rounds = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(data, queries, m, beamWidth, candidates, engramCandidates, target, rounds);
    }

    private static List<Integer> ints(String list) {
      List<Integer> values = new ArrayList<>();
      for (String part : list.split(",")) {
        values.add(Integer.parseInt(part.trim()));
      }
      return List.copyOf(values);
    }
  }
}
