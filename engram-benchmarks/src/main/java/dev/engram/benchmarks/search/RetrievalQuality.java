package dev.engram.benchmarks.search;

import dev.engram.Embedder;
import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.spi.EmbedderProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Retrieval quality of the candidate local models on the labelled {@link RetrievalSet}: every
 * fact stored in a {@code memory:} store indexed by the model, every question asked in each mode,
 * recall@5 (the share of questions whose fact is among the first five results) and recall@1.
 * Also the wall time the model takes to embed all the facts, in one batch and one at a time.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar \
 *     dev.engram.benchmarks.search.RetrievalQuality [MODEL ...]
 * </pre>
 */
public final class RetrievalQuality {
  static final List<String> MODELS =
      List.of("local:bge-small-en-v1.5-q", "local:all-minilm-l6-v2-q");
  private static final Namespace FACTS = Namespace.of("user", "facts");
  private static final int DEPTH = 5;

  private RetrievalQuality() {}

  public static void main(String[] args) {
    List<RetrievalSet.Pair> pairs = RetrievalSet.load().pairs();
    List<String> facts = pairs.stream().map(RetrievalSet.Pair::fact).toList();
    print("%d facts, %d questions; recall@%d and recall@1 per mode",
        facts.size(), pairs.size(), DEPTH);
    for (String model : args.length > 0 ? List.of(args) : MODELS) {
      long start = System.nanoTime();
      Embedder embedder = embedder(model);
      embedder.embed(List.of("warm up the model"));
      double loaded = seconds(start);
      start = System.nanoTime();
      embedder.embed(facts);
      double batched = seconds(start);
      start = System.nanoTime();
      for (String fact : facts) {
        embedder.embed(List.of(fact));
      }
      double single = seconds(start);
      print("%s: loaded in %.2f s; embeds the %d facts in %.2f s batched, %.2f s one by one",
          embedder.id(), loaded, facts.size(), batched, single);
      try (Store store =
          Engram.store("memory:").embedder(embedder).backgroundSweep(false).open()) {
        store.configureIndex(
            IndexConfig.builder().embedder(embedder.id()).fields("text").build(),
            ReindexProgress.NONE);
        start = System.nanoTime();
        for (int i = 0; i < pairs.size(); i++) {
          store.put(FACTS, key(i), Map.of("text", pairs.get(i).fact()));
        }
        print("  stored and indexed the facts one put at a time in %.2f s", seconds(start));
        for (SearchMode mode : SearchMode.values()) {
          int atOne = 0;
          int atDepth = 0;
          for (int i = 0; i < pairs.size(); i++) {
            List<SearchItem> found =
                store.search(
                    SearchRequest.builder()
                        .namespacePrefix(FACTS)
                        .query(pairs.get(i).question())
                        .mode(mode)
                        .limit(DEPTH)
                        .build());
            String expected = key(i);
            if (!found.isEmpty() && found.get(0).item().key().equals(expected)) {
              atOne++;
            }
            if (found.stream().anyMatch(item -> item.item().key().equals(expected))) {
              atDepth++;
            }
          }
          print("  %-8s recall@%d %.3f  recall@1 %.3f", mode.name().toLowerCase(Locale.ROOT),
              DEPTH, (double) atDepth / pairs.size(), (double) atOne / pairs.size());
        }
      }
    }
  }

  private static Embedder embedder(String name) {
    for (EmbedderProvider provider : ServiceLoader.load(EmbedderProvider.class)) {
      if (provider.supports(name)) {
        return provider.create(name);
      }
    }
    throw new IllegalArgumentException("no embedder provider on the class path makes " + name);
  }

  private static String key(int pair) {
    return String.format(Locale.ROOT, "fact%03d", pair);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
