package dev.engram.benchmarks;

import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.core.Engram;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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
 * What one chat turn costs Engram: appending one user message to a conversation that already holds
 * {@code length} messages, through the public {@link ConversationStore} API, per backend.
 *
 * <p>The trial's data set is {@link ShortTermBench#conversations(int)} conversations of {@code
 * length} messages (40,000 messages in all, whatever the length), with a 7-day TTL as a chat
 * application would set, loaded and then settled ({@link ShortTermBench.Site#settle}). Appends go
 * to the conversations round-robin; a conversation that has
 * taken {@link ShortTermBench#growthBeforeReset(int)} appends (5% of its length) is saved back to
 * its original history after the invocation, outside the measured time, so the measured length
 * stays within 5% of {@code length}. The score is µs per appended message; compare it with
 * {@link SpringAiRewriteBaselineBenchmark} at the same length.
 *
 * <p>A backend without conversation storage yet fails its trials with a line starting "SKIPPED".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConversationAppendBenchmark {

  @Param({"sqlite", "postgresql", "redis"})
  public String backend;

  @Param({"10", "1000", "10000"})
  public int length;

  private ShortTermBench.Site site;
  private ConversationStore store;
  private List<Message> history;
  private String[] ids;
  private int[] appended;
  private int growth;
  private int next;
  private int last;
  private int turn;
  private String[] turns;

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    site = ShortTermBench.Site.create(backend, "conv");
    store = site.open("conversation", uri ->
        Engram.conversations(uri).defaultTtl(Duration.ofDays(7)).backgroundSweep(false).open());
    history = ShortTermBench.history(length);
    int conversations = ShortTermBench.conversations(length);
    ids = new String[conversations];
    appended = new int[conversations];
    growth = ShortTermBench.growthBeforeReset(length);
    for (int k = 0; k < conversations; k++) {
      ids[k] = ShortTermBench.conversationId(k);
      store.save(ids[k], history);
    }
    site.settle();
    turns = new String[64];
    for (int i = 0; i < turns.length; i++) {
      turns[i] = ShortTermBench.text(Role.USER, length + i);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      site.close();
    }
  }

  /** One user turn: a new message (id and time assigned by the store) appended to a conversation. */
  @Benchmark
  public long append() {
    last = next;
    next = next + 1 == ids.length ? 0 : next + 1;
    return store.append(ids[last], Message.user(turns[turn++ & 63]));
  }

  /** Puts the conversation just appended to back to its original length once it grew enough. */
  @TearDown(Level.Invocation)
  public void keepLength() {
    if (++appended[last] >= growth) {
      store.save(ids[last], history);
      appended[last] = 0;
    }
  }
}
