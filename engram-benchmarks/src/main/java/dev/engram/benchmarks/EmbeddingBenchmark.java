package dev.engram.benchmarks;

import dev.engram.Embedder;
import dev.engram.search.embed.LocalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Texts per second of each local model: one text per call (a query, a single put) and {@value
 * #BATCH} per call (bulk puts, a reindex), on one-sentence memories like those agents store. The
 * embedder itself keeps no cache, so every call runs the model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EmbeddingBenchmark {
  static final int BATCH = 32;

  private static final String[] WHO = {
    "The user", "Alice", "Our customer in Lyon", "The on-call engineer", "Bob's manager",
    "The finance team", "My sister", "The new intern"
  };
  private static final String[] DOES = {
    "prefers", "asked again about", "complained yesterday about", "wants a weekly summary of",
    "is allergic to", "booked a meeting to discuss", "forgot the password for",
    "recommended switching to"
  };
  private static final String[] WHAT = {
    "dark mode in the editor", "the overdue invoice from March", "peanuts and tree nuts",
    "the quarterly revenue report", "the staging database migration", "vegetarian restaurants",
    "flights to Berlin on Friday mornings", "the VPN client on her laptop"
  };

  @Param({"local:bge-small-en-v1.5-q", "local:all-minilm-l6-v2-q"})
  public String model;

  private Embedder embedder;
  private List<String> texts;
  private int next;

  @Setup
  public void load() {
    embedder = LocalModel.named(model).embedder();
    texts = new ArrayList<>();
    for (String who : WHO) {
      for (String does : DOES) {
        for (String what : WHAT) {
          texts.add(who + " " + does + " " + what + ".");
        }
      }
    }
    embedder.embed(texts.subList(0, BATCH)); // loads the model before warm-up starts
  }

  @Benchmark
  public float[] single() {
    return embedder.embed(List.of(nextTexts(1).get(0))).get(0);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<float[]> batch32() {
    return embedder.embed(nextTexts(BATCH));
  }

  private List<String> nextTexts(int count) {
    if (next + count > texts.size()) {
      next = 0;
    }
    List<String> slice = texts.subList(next, next + count);
    next += count;
    return slice;
  }
}
