package dev.engram.benchmarks;

import dev.engram.spi.JsonCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of {@link CheckpointBenchmark} on Redis: raw Lettuce (sync API, one connection), with
 * the key layout of Engram's Redis backend per thread ({@code T:h} header hash with TTL and expiry,
 * {@code T:z:NS} ids, {@code T:d:NS} records, {@code T:w:NS}/{@code T:y:NS} writes) and, like the
 * backend, one small Lua script per operation so it is atomic in one round trip — but only the
 * commands the operation needs: put = header, id, record and native expiry of the thread's keys;
 * getTuple = visibility, latest id, record, the checkpoint's writes, TTL refresh. No validation,
 * no namespace registry, no thread registry, no JSON encoding or parsing (the record is ready
 * JSON text with the parent spliced in; replies are returned as text).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckpointRawRedisBenchmark {
  private static final String TTL_MICROS = Long.toString(60L * 60 * 1_000_000);

  /** KEYS: h z d w y. ARGV: id, record, ttl micros, expires micros, expires ms. */
  private static final String PUT =
      """
      redis.call('HSET', KEYS[1], 'x', '1', 't', ARGV[3], 'e', ARGV[4])
      redis.call('ZADD', KEYS[2], 0, ARGV[1])
      redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
      for i = 1, 5 do redis.call('PEXPIREAT', KEYS[i], ARGV[5]) end
      return 1""";

  /** KEYS: h z d w y. ARGV: now micros, expires micros, expires ms. */
  private static final String GET =
      """
      local f = redis.call('HMGET', KEYS[1], 'x', 'e')
      if not f[1] or tonumber(f[2]) <= tonumber(ARGV[1]) then return {} end
      local latest = redis.call('ZREVRANGEBYLEX', KEYS[2], '+', '-', 'LIMIT', 0, 1)
      if #latest == 0 then return {} end
      local id = latest[1]
      local r = {id, redis.call('HGET', KEYS[3], id)}
      local fields = redis.call('ZRANGEBYLEX', KEYS[5], '[' .. id .. '\\0', '(' .. id .. '\\1')
      if #fields > 0 then
        for _, w in ipairs(redis.call('HMGET', KEYS[4], unpack(fields))) do r[#r + 1] = w end
      end
      redis.call('HSET', KEYS[1], 'e', ARGV[2])
      for i = 1, 5 do redis.call('PEXPIREAT', KEYS[i], ARGV[3]) end
      return r""";

  private String prefix;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;
  private String putSha;
  private String getSha;
  private String[][] keys;
  private String[] latest;
  /** Record JSON after the parent id, per step: ts, state, metadata, blobs. */
  private final String[] records = new String[16];
  private final ShortTermBench.Ids ids = new ShortTermBench.Ids();
  private int next;
  private int step;
  private boolean wrote;

  @Setup(Level.Trial)
  public void open() {
    prefix = "engram_bench_cpredis_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    client = RedisClient.create("redis://" + ShortTermBench.REDIS);
    connection = client.connect();
    redis = connection.sync();
    putSha = redis.scriptLoad(PUT);
    getSha = redis.scriptLoad(GET);
    for (int i = 0; i < records.length; i++) {
      records[i] = recordTail(ShortTermBench.HISTORY + i);
    }
    keys = new String[ShortTermBench.THREADS][];
    latest = new String[ShortTermBench.THREADS];
    String write = JsonCodec.toJson(Map.of("task", "task", "path", "", "idx", 0,
        "channel", "messages", "type", "msgpack",
        "data", Base64.getEncoder().encodeToString(ShortTermBench.writeValue().data())));
    for (int t = 0; t < keys.length; t++) {
      String tag = "{" + prefix + ":t:" + ShortTermBench.threadId(t) + "}";
      keys[t] = new String[] {tag + ":h", tag + ":z:", tag + ":d:", tag + ":w:", tag + ":y:"};
      for (int s = 0; s < ShortTermBench.HISTORY; s++) {
        put(t, s & 15);
      }
      String field = latest[t] + "\0task-" + t + "\0" + "0";
      redis.hset(keys[t][3], field, write);
      redis.zadd(keys[t][4], 0, field);
    }
  }

  /** The part of a checkpoint record after its parent, as the backend's record JSON has it. */
  private static String recordTail(int step) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("ts", Long.toString(ShortTermBench.nowMicros()));
    record.put("state", ShortTermBench.checkpointState(step));
    record.put("metadata", ShortTermBench.checkpointMetadata(step));
    record.put("blobs", Map.of("messages", Map.of("type", "msgpack",
        "data", Base64.getEncoder().encodeToString(ShortTermBench.blob().data()))));
    return "," + JsonCodec.toJson(record).substring(1);
  }

  @TearDown(Level.Trial)
  public void close() {
    connection.close();
    client.shutdown();
    ShortTermBench.deleteRedisKeys("*" + prefix + "*");
  }

  /** Keeps only each thread's latest checkpoint after an iteration that put, outside the timing. */
  @TearDown(Level.Iteration)
  public void prune() {
    if (wrote) {
      for (int t = 0; t < keys.length; t++) {
        redis.del(keys[t][1], keys[t][2]);
        put(t, 0);
      }
      wrote = false;
    }
  }

  private String put(int t, int i) {
    String id = ids.next();
    long now = ShortTermBench.nowMicros();
    long expires = now + Long.parseLong(TTL_MICROS);
    String parent = latest[t] == null ? "null" : "\"" + latest[t] + "\"";
    redis.evalsha(putSha, ScriptOutputType.INTEGER, keys[t], id,
        "{\"parent\":" + parent + records[i], TTL_MICROS, Long.toString(expires),
        Long.toString(expires / 1000 + 1));
    latest[t] = id;
    return id;
  }

  private int nextThread() {
    int t = next;
    next = next + 1 == keys.length ? 0 : next + 1;
    return t;
  }

  /** The next step of a thread, in one script call. */
  @Benchmark
  public String put() {
    wrote = true;
    return put(nextThread(), step++ & 15);
  }

  /** The latest checkpoint of a thread with its writes, and the TTL refresh, in one script call. */
  @Benchmark
  public List<String> getTuple() {
    int t = nextThread();
    long now = ShortTermBench.nowMicros();
    long expires = now + Long.parseLong(TTL_MICROS);
    return redis.evalsha(getSha, ScriptOutputType.MULTI, keys[t], Long.toString(now),
        Long.toString(expires), Long.toString(expires / 1000 + 1));
  }
}
