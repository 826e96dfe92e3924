package dev.engram.benchmarks;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.core.Engram;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
 * Engram's Redis backend beside its floor, in the same run on the same server: raw Lettuce {@code
 * SET}/{@code GET} of the same JSON text (sync API, one connection, no JSON parsing, no indexes),
 * and batch puts of {@value #BATCH} items (reported per item) beside single puts.
 *
 * <p>Needs Redis on 127.0.0.1:6379 (or the address in {@code -Dengram.redis=host:port}); writes
 * only keys under a random prefix of its own and deletes them afterwards (SCAN, never FLUSH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisBenchmark {
  static final int BATCH = 100;

  private String prefix;
  private Store store;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> raw;
  private final BenchData.Cursor cursor = new BenchData.Cursor();
  private final Namespace[] namespaces = new Namespace[BenchData.ITEMS];
  private final String[] rawKeys = new String[BenchData.ITEMS];
  private final String[] json = new String[BenchData.ITEMS];

  @Setup(Level.Trial)
  public void open() {
    String address = System.getProperty("engram.redis", "127.0.0.1:6379");
    prefix = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    store = Engram.store("redis://" + address + "?prefix=" + prefix)
        .backgroundSweep(false).refreshOnRead(false).open();
    client = RedisClient.create("redis://" + address);
    connection = client.connect();
    raw = connection.sync();
    List<StoreOp> load = new ArrayList<>();
    for (int i = 0; i < BenchData.ITEMS; i++) {
      namespaces[i] = Namespace.of(BenchData.namespaceLabels(i));
      rawKeys[i] = prefix + "-raw:" + BenchData.namespaceText(i) + ":" + BenchData.key(i);
      json[i] = BenchData.valueJson(i);
      raw.set(rawKeys[i], json[i]);
      load.add(StoreOp.put(namespaces[i], BenchData.key(i), BenchData.value(i)));
      if (load.size() == 500) {
        store.batch(load);
        load.clear();
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    for (String pattern : new String[] {"{" + prefix + "}*", "{" + prefix + ":*", prefix + "-raw:*"}) {
      ScanCursor scan = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = raw.scan(scan, ScanArgs.Builder.matches(pattern).limit(1000));
        if (!page.getKeys().isEmpty()) {
          raw.del(page.getKeys().toArray(new String[0]));
        }
        scan = page;
      } while (!scan.isFinished());
    }
    connection.close();
    client.shutdown();
  }

  @Benchmark
  public Optional<Item> engramGet() {
    int i = cursor.nextItem();
    return store.get(namespaces[i], BenchData.key(i));
  }

  @Benchmark
  public Item engramPut() {
    int i = cursor.nextItem();
    return store.put(namespaces[i], BenchData.key(i), BenchData.value(i));
  }

  /** One batch of {@value #BATCH} puts; JMH reports the time per item. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Object> engramBatchPut() {
    List<StoreOp> ops = new ArrayList<>(BATCH);
    for (int n = 0; n < BATCH; n++) {
      int i = cursor.nextItem();
      ops.add(StoreOp.put(namespaces[i], BenchData.key(i), BenchData.value(i)));
    }
    return store.batch(ops);
  }

  @Benchmark
  public String rawGet() {
    return raw.get(rawKeys[cursor.nextItem()]);
  }

  @Benchmark
  public String rawSet() {
    int i = cursor.nextItem();
    return raw.set(rawKeys[i], json[i]);
  }
}
