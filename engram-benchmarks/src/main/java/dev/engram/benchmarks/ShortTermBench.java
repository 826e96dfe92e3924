package dev.engram.benchmarks;

import dev.engram.UnsupportedFeatureException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The data and places of the short-term memory benchmarks (conversations and checkpoints), so
 * Engram, its raw-driver floor and the peer baseline do the same work on the same servers.
 *
 * <ul>
 *   <li>Conversations: every trial holds {@value #CONVERSATION_MESSAGES} messages in total, split
 *       into conversations of the measured length, so only the length varies, not the table size.
 *       Messages alternate user and assistant turns of realistic chat size.
 *   <li>Checkpoints: {@value #THREADS} threads of {@value #HISTORY} checkpoints each; a checkpoint's
 *       state is a LangGraph-shaped JSON object of a few KB (channel versions and versions seen, no
 *       channel values) plus one {@value #BLOB_BYTES}-byte blob; the latest checkpoint of each
 *       thread has one pending write.
 * </ul>
 *
 * <p>Backends are the embedded SQLite file (a temporary folder), the PostgreSQL server of {@link
 * PostgresBenchServer} (a schema of the trial's own) and Redis on 127.0.0.1:6379 or {@code
 * -Dengram.redis=host:port} (a key prefix of the trial's own); {@link Site#close()} removes what the
 * trial wrote.
 */
final class ShortTermBench {
  /**
   * Appends in one iteration of {@link ConversationAppendBenchmark}; a trial of 3 warmup and 5
   * measured iterations makes {@value #CONVERSATION_MESSAGES} / 20 of them, so that the data set's
   * conversations grow by 5% at most (one message at 10) without being put back meanwhile.
   */
  static final int APPENDS_PER_ITERATION = 2_000;
  static final int CONVERSATION_MESSAGES = 320_000;
  static final int MIN_CONVERSATIONS = 4;
  static final int THREADS = 100;
  static final int HISTORY = 10;
  static final int BLOB_BYTES = 512;
  static final int WRITE_BYTES = 128;
  static final String REDIS = System.getProperty("engram.redis", "127.0.0.1:6379");

  private static final String[] CHANNELS = {
    "__start__", "messages", "summary", "plan", "tool_results", "retrieved_docs", "user_profile",
    "scratchpad", "branch:to:agent", "branch:to:tools", "branch:to:retriever", "remaining_steps"
  };
  private static final String[] NODES = {
    "__input__", "__start__", "agent", "tools", "retriever", "planner", "summarizer", "router"
  };

  private ShortTermBench() {}

  // ---------------------------------------------------------------- conversations

  /** How many conversations of {@code length} messages make up the trial's data set. */
  static int conversations(int length) {
    return Math.max(MIN_CONVERSATIONS, CONVERSATION_MESSAGES / length);
  }

  static String conversationId(int conversation) {
    return "conv-" + conversation;
  }

  /** The text of message {@code n} of a conversation: user turns ~150 characters, replies ~450. */
  static String text(Role role, int n) {
    if (role == Role.USER) {
      return "Turn " + n + ": could you look at the quarterly numbers again and tell me whether the"
          + " drop in renewals is seasonal or something we should worry about?";
    }
    return "Reply " + n + ": renewals fell 4.2% against the previous quarter, but the same quarter"
        + " last year fell 3.9%, so most of the drop is seasonal. Two things are not: churn among"
        + " accounts under 10 seats doubled, and the average time to first response on support"
        + " tickets went from 3 to 7 hours. I would look at those two before the next planning"
        + " meeting; I can pull the account list if that helps.";
  }

  /** Message {@code n} of a stored history: even positions are user turns, odd ones replies. */
  static Role role(int n) {
    return n % 2 == 0 ? Role.USER : Role.ASSISTANT;
  }

  /** A history of {@code length} messages with ids, as an application would have saved it. */
  static List<Message> history(int length) {
    List<Message> messages = new ArrayList<>(length);
    for (int n = 0; n < length; n++) {
      messages.add(Message.builder(role(n), text(role(n), n)).id("m" + n).build());
    }
    return messages;
  }

  // ---------------------------------------------------------------- checkpoints

  static String threadId(int thread) {
    return "thread-" + thread;
  }

  /** Every thread of the data set, in order. */
  static List<String> threadIds() {
    List<String> ids = new ArrayList<>(THREADS);
    for (int t = 0; t < THREADS; t++) {
      ids.add(threadId(t));
    }
    return ids;
  }

  /** A LangGraph-shaped checkpoint state without channel values: a few KB of JSON. */
  static Map<String, Object> checkpointState(int step) {
    Map<String, Object> versions = new LinkedHashMap<>();
    for (int c = 0; c < CHANNELS.length; c++) {
      versions.put(CHANNELS[c], version(step + c));
    }
    Map<String, Object> seen = new LinkedHashMap<>();
    for (int n = 0; n < NODES.length; n++) {
      Map<String, Object> channels = new LinkedHashMap<>();
      for (int c = 0; c < 4; c++) {
        channels.put(CHANNELS[(n + c) % CHANNELS.length], version(step + n + c));
      }
      seen.put(NODES[n], channels);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("v", 4);
    state.put("channel_versions", versions);
    state.put("versions_seen", seen);
    state.put("updated_channels", List.of("messages", "branch:to:agent"));
    state.put("pending_sends", List.of());
    return state;
  }

  /** A LangGraph channel version string: 32 digits, a dot, 0, a dot, 16 random-looking digits. */
  private static String version(int n) {
    return String.format(Locale.ROOT, "%032d.0.%016d", n, (n * 2_654_435_761L) % 10_000_000_000_000_000L);
  }

  /** LangGraph-style metadata of a checkpoint taken at {@code step}. */
  static Map<String, Object> checkpointMetadata(int step) {
    return Map.of("source", "loop", "step", step, "parents", Map.of(), "run_id",
        "run-" + (step / 10));
  }

  /** The serialized channel value every checkpoint carries: {@value #BLOB_BYTES} bytes. */
  static TypedValue blob() {
    return TypedValue.of("msgpack", bytes(BLOB_BYTES, 7));
  }

  /** The value of the pending write of a latest checkpoint: {@value #WRITE_BYTES} bytes. */
  static TypedValue writeValue() {
    return TypedValue.of("msgpack", bytes(WRITE_BYTES, 11));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * seed + i / 3);
    }
    return data;
  }

  /** The checkpoint taken at {@code step}: its state and the one blob, id and time assigned. */
  static Checkpoint checkpoint(int step) {
    return new Checkpoint(null, null, checkpointState(step), Map.of("messages", blob()));
  }

  /**
   * Loads the checkpoint data set: {@value #THREADS} threads of {@value #HISTORY} checkpoints, each
   * the parent of the next, the latest with one pending write.
   *
   * @return the latest checkpoint id of each thread
   */
  static String[] loadCheckpoints(CheckpointStore store) {
    String[] latest = new String[THREADS];
    for (int t = 0; t < THREADS; t++) {
      CheckpointConfig config = CheckpointConfig.of(threadId(t));
      for (int step = 0; step < HISTORY; step++) {
        config = store.put(config, checkpoint(step), checkpointMetadata(step));
      }
      store.putWrites(config, List.of(new Write("messages", writeValue())), "task-" + t, "");
      latest[t] = config.checkpointId();
    }
    return latest;
  }

  /** Time-ordered UUIDv7-style checkpoint ids for the raw floors (Engram assigns its own). */
  static final class Ids {
    private long lastMillis;
    private int counter;

    String next() {
      long millis = System.currentTimeMillis();
      if (millis > lastMillis) {
        lastMillis = millis;
        counter = 0;
      } else if (++counter > 0xFFF) {
        lastMillis++;
        counter = 0;
      }
      long msb = (lastMillis << 16) | 0x7000L | counter;
      long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
      return new UUID(msb, lsb).toString();
    }
  }

  static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  // ---------------------------------------------------------------- places

  /** Where one trial's data lives on a backend; closing it removes the data. */
  static final class Site implements AutoCloseable {
    private final String backend;
    private final String uri;
    private final String label;
    private Path dir;

    private Site(String backend, String uri, String label, Path dir) {
      this.backend = backend;
      this.uri = uri;
      this.label = label;
      this.dir = dir;
    }

    /**
     * A fresh place on {@code backend} ("sqlite", "postgresql" or "redis"), named after {@code
     * what} plus a random suffix so concurrent or aborted runs never share data.
     */
    static Site create(String backend, String what) throws IOException, SQLException {
      String label = "engram_bench_" + what + "_"
          + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      return switch (backend) {
        case "sqlite" -> {
          Path dir = Files.createTempDirectory("engram-bench-" + what);
          yield new Site(backend, "sqlite:" + dir.resolve("engram.db"), label, dir);
        }
        case "postgresql" -> {
          PostgresBenchServer.dropSchema(label);
          yield new Site(backend, PostgresBenchServer.storeUri(label), label, null);
        }
        case "redis" -> new Site(backend, "redis://" + REDIS + "?prefix=" + label, label, null);
        default -> throw new IllegalArgumentException("unknown backend " + backend);
      };
    }

    String uri() {
      return uri;
    }

    /**
     * Opens Engram's {@code what} storage here. A backend that has none yet ({@link
     * UnsupportedFeatureException}) becomes one clear line starting "SKIPPED": JMH reports that
     * trial as failed and goes on with the next one; the site is removed first.
     */
    <T> T open(String what, Function<String, T> opener) throws IOException, SQLException {
      try {
        return opener.apply(uri);
      } catch (UnsupportedFeatureException e) {
        close();
        throw new IllegalStateException(
            "SKIPPED: backend " + backend + " has no " + what + " storage yet (" + e.getMessage()
                + ")", e);
      }
    }

    /** On PostgreSQL, {@link PostgresBenchServer#settle}: the loaded data set written out. */
    void settle() throws SQLException {
      if (backend.equals("postgresql")) {
        PostgresBenchServer.settle(label);
      }
    }

    /** The SQLite file, the PostgreSQL schema or the Redis key prefix. */
    String label() {
      return label;
    }

    Path sqliteFile() {
      return dir.resolve("engram.db");
    }

    @Override
    public void close() throws IOException, SQLException {
      switch (backend) {
        case "sqlite" -> {
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }
        case "postgresql" -> PostgresBenchServer.dropSchema(label);
        case "redis" -> deleteRedisKeys("*" + label + "*");
        default -> throw new IllegalStateException(backend);
      }
    }
  }

  /** Deletes the keys matching {@code pattern} with SCAN (never KEYS or FLUSH). */
  static void deleteRedisKeys(String pattern) {
    RedisClient client = RedisClient.create("redis://" + REDIS);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanCursor scan = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.scan(scan, ScanArgs.Builder.matches(pattern).limit(1000));
        if (!page.getKeys().isEmpty()) {
          redis.del(page.getKeys().toArray(new String[0]));
        }
        scan = page;
      } while (!scan.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
