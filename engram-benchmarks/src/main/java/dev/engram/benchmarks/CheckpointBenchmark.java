package dev.engram.benchmarks;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.core.Engram;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checkpoint {@code put} and {@code getTuple} (latest) through Engram's public {@link
 * CheckpointStore} API, per backend, with the usual LangGraph settings: a 60-minute thread TTL
 * refreshed on read. The data set is {@link ShortTermBench#loadCheckpoints}; each put is the next
 * step of a thread (round-robin over the threads), with a few KB of state and one blob; each read is
 * the latest tuple of a thread: the checkpoint, its blob, its pending write and its parent. The
 * floors are {@link CheckpointRawJdbcBenchmark} and {@link CheckpointRawRedisBenchmark}.
 *
 * <p>After each iteration that put checkpoints, the threads are pruned to their latest checkpoint
 * (outside the measured time), so the tables do not grow without bound. A backend without checkpoint
 * storage yet fails its trials with a line starting "SKIPPED".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CheckpointBenchmark {

  @Param({"sqlite", "postgresql", "redis"})
  public String backend;

  private ShortTermBench.Site site;
  private CheckpointStore store;
  private String[] latest;
  private final CheckpointConfig[] threads = new CheckpointConfig[ShortTermBench.THREADS];
  private final Checkpoint[] checkpoints = new Checkpoint[16];
  private final List<Map<String, Object>> metadata = new ArrayList<>();
  private int next;
  private int step;
  private boolean wrote;

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    site = ShortTermBench.Site.create(backend, "cp");
    store = site.open("checkpoint", uri -> Engram.checkpoints(uri)
        .defaultTtl(Duration.ofMinutes(60)).refreshOnRead(true).backgroundSweep(false).open());
    latest = ShortTermBench.loadCheckpoints(store);
    for (int t = 0; t < threads.length; t++) {
      threads[t] = CheckpointConfig.of(ShortTermBench.threadId(t));
    }
    for (int i = 0; i < checkpoints.length; i++) {
      checkpoints[i] = ShortTermBench.checkpoint(ShortTermBench.HISTORY + i);
      metadata.add(ShortTermBench.checkpointMetadata(ShortTermBench.HISTORY + i));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    try {
      store.close();
    } finally {
      site.close();
    }
  }

  @TearDown(Level.Iteration)
  public void prune() {
    if (wrote) {
      store.prune(ShortTermBench.threadIds(), PruneStrategy.KEEP_LATEST);
      wrote = false;
    }
  }

  private int nextThread() {
    int t = next;
    next = next + 1 == threads.length ? 0 : next + 1;
    return t;
  }

  /** The next step of a thread: a new checkpoint whose parent is the thread's latest. */
  @Benchmark
  public CheckpointConfig put() {
    wrote = true;
    int t = nextThread();
    int i = step++ & 15;
    CheckpointConfig stored = store.put(threads[t].withCheckpointId(latest[t]), checkpoints[i],
        metadata.get(i));
    latest[t] = stored.checkpointId();
    return stored;
  }

  /** The latest checkpoint of a thread, with its blob, pending write and parent. */
  @Benchmark
  public Optional<CheckpointTuple> getTuple() {
    return store.getTuple(threads[nextThread()]);
  }
}
