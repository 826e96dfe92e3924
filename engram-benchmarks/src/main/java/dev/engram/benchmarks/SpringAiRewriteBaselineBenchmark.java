package dev.engram.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.engram.conversation.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.PostgresChatMemoryRepositoryDialect;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The rewrite-everything baseline for {@link ConversationAppendBenchmark}: Spring AI's {@code
 * JdbcChatMemoryRepository} (1.0.0, from Maven Central) on the same PostgreSQL, doing one chat turn
 * the only way its API allows: {@code saveAll(conversationId, history + new message)}, which
 * deletes the conversation's rows and inserts them all again in one transaction.
 *
 * <p>Same data set as the Engram benchmark ({@value ShortTermBench#CONVERSATION_MESSAGES} messages
 * in conversations of {@code length}, the same texts), in a schema of its own whose table comes
 * from the repository's documented PostgreSQL schema script, loaded and then settled as Engram's
 * ({@link PostgresBenchServer#settle}); connections from a HikariCP pool, the usual Spring setup.
 * The
 * application's copy of the history is in memory, so the score is the repository's cost alone (a
 * {@code MessageWindowChatMemory} would also read the history back first). Each turn rewrites
 * {@code length + 1} messages, so the length stays constant. The score is µs per turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpringAiRewriteBaselineBenchmark {
  private static final String SCHEMA_SCRIPT =
      "org/springframework/ai/chat/memory/repository/jdbc/schema-postgresql.sql";

  @Param({"10", "1000", "10000"})
  public int length;

  private String schema;
  private HikariDataSource dataSource;
  private JdbcChatMemoryRepository repository;
  private String[] ids;
  /** Per conversation: its history followed by the slot of the turn being saved. */
  private List<List<Message>> turns;
  private String[] texts;
  private int next;
  private int turn;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    schema = "engram_bench_springai_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Connection c = PostgresBenchServer.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://" + PostgresBenchServer.ADDRESS);
    config.setUsername(PostgresBenchServer.USER);
    config.setPassword("");
    config.setSchema(schema);
    config.setMaximumPoolSize(2);
    dataSource = new HikariDataSource(config);
    new ResourceDatabasePopulator(new ClassPathResource(SCHEMA_SCRIPT)).execute(dataSource);
    repository = JdbcChatMemoryRepository.builder()
        .jdbcTemplate(new JdbcTemplate(dataSource))
        .dialect(new PostgresChatMemoryRepositoryDialect())
        .build();
    int conversations = ShortTermBench.conversations(length);
    ids = new String[conversations];
    turns = new ArrayList<>(conversations);
    for (int k = 0; k < conversations; k++) {
      ids[k] = ShortTermBench.conversationId(k);
      List<Message> history = new ArrayList<>(length + 1);
      for (int n = 0; n < length; n++) {
        String text = ShortTermBench.text(ShortTermBench.role(n), n);
        history.add(ShortTermBench.role(n) == Role.USER
            ? new UserMessage(text) : new AssistantMessage(text));
      }
      repository.saveAll(ids[k], history);
      history.add(null); // the slot of the new turn
      turns.add(history);
    }
    PostgresBenchServer.settle(schema);
    texts = new String[64];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = ShortTermBench.text(Role.USER, length + i);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    dataSource.close();
    PostgresBenchServer.dropSchema(schema);
  }

  /** One user turn: the history plus the new message, saved with {@code saveAll}. */
  @Benchmark
  public List<Message> saveAllTurn() {
    int k = next;
    next = next + 1 == ids.length ? 0 : next + 1;
    List<Message> messages = turns.get(k);
    messages.set(length, new UserMessage(texts[turn++ & 63]));
    repository.saveAll(ids[k], messages);
    return messages;
  }
}
