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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What one chat turn costs Engram: appending one user message to a conversation that already holds
 * {@code length} messages, through the public {@link ConversationStore} API, per backend.
 *
 * <p>The trial's data set is {@link ShortTermBench#conversations(int)} conversations of {@code
 * length} messages ({@value ShortTermBench#CONVERSATION_MESSAGES} messages in all, whatever the
 * length), with a 7-day TTL as a chat application would set, loaded and then settled ({@link
 * ShortTermBench.Site#settle}). Appends go to the conversations round-robin. An iteration is a
 * fixed number of appends ({@value ShortTermBench#APPENDS_PER_ITERATION}), so the trial's appends
 * are known in advance and the data set is large enough for them: no conversation grows by more
 * than 5% of its length (one message at 10), and none needs to be put back during the trial,
 * which would write far more than the appends themselves. The score is µs per appended message;
 * compare it with {@link SpringAiRewriteBaselineBenchmark} at the same length. A run with more
 * iterations than the data set allows fails at once and says so.
 *
 * <p>A backend without conversation storage yet fails its trials with a line starting "SKIPPED".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, batchSize = ShortTermBench.APPENDS_PER_ITERATION)
@Measurement(iterations = 5, batchSize = ShortTermBench.APPENDS_PER_ITERATION)
@OperationsPerInvocation(ShortTermBench.APPENDS_PER_ITERATION)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConversationAppendBenchmark {

  @Param({"sqlite", "postgresql", "redis"})
  public String backend;

  @Param({"10", "1000", "10000"})
  public int length;

  private ShortTermBench.Site site;
  private ConversationStore store;
  private String[] ids;
  private int next;
  private int turn;
  private String[] turns;

  @Setup(Level.Trial)
  public void open(BenchmarkParams params) throws IOException, SQLException {
    int conversations = ShortTermBench.conversations(length);
    checkGrowth(params, conversations);
    site = ShortTermBench.Site.create(backend, "conv");
    store = site.open("conversation", uri ->
        Engram.conversations(uri).defaultTtl(Duration.ofDays(7)).backgroundSweep(false).open());
    List<Message> history = ShortTermBench.history(length);
    ids = new String[conversations];
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

  /** Refuses a run whose appends would grow a conversation by more than 5% (one message at 10). */
  private void checkGrowth(BenchmarkParams params, int conversations) {
    IterationParams warmup = params.getWarmup();
    IterationParams measurement = params.getMeasurement();
    if (warmup.getBatchSize() != ShortTermBench.APPENDS_PER_ITERATION
        || measurement.getBatchSize() != ShortTermBench.APPENDS_PER_ITERATION) {
      throw new IllegalStateException("run ConversationAppendBenchmark with its batch size of "
          + ShortTermBench.APPENDS_PER_ITERATION + " (no -bs or -wbs): the score is per append");
    }
    long appends = (long) (warmup.getCount() + measurement.getCount())
        * ShortTermBench.APPENDS_PER_ITERATION;
    long perConversation = (appends + conversations - 1) / conversations;
    if (perConversation > Math.max(1, length / 20)) {
      throw new IllegalStateException("a trial of " + appends + " appends would grow conversations"
          + " of " + length + " messages by " + perConversation + "; run at most "
          + (ShortTermBench.CONVERSATION_MESSAGES / 20 / ShortTermBench.APPENDS_PER_ITERATION)
          + " iterations (-wi plus -i)");
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
    String id = ids[next];
    next = next + 1 == ids.length ? 0 : next + 1;
    return store.append(id, Message.user(turns[turn++ & 63]));
  }
}
