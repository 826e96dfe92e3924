package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.conversation.Conversation;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.spi.BackendUri;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.MessageCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-statement append against writers that change the conversation while it waits for the
 * row: each race is staged with a transaction of another connection that holds the row until the
 * append is seen waiting, so the append's snapshot is older than what it finds once it has the
 * row. The conformance kit's concurrency contract covers the same ground statistically.
 */
@Timeout(60)
class PostgresConversationAppendTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();

  private String schema;
  private ConversationBackend backend;
  private ExecutorService appender;

  @BeforeEach
  void open() {
    schema = SCHEMAS.fresh();
    backend =
        new PostgresBackendProvider().openConversations(BackendUri.parse(TestDatabase.uri(schema)));
    appender = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void close() throws InterruptedException {
    appender.shutdownNow();
    appender.awaitTermination(10, TimeUnit.SECONDS);
    backend.close();
  }

  @Test
  void aRetryRacingTheAppendItRepeatsAddsEachMessageOnce() throws Exception {
    backend.append("c", List.of(message("m1")), true, null, T0);
    EncodedMessage x = message("x");
    Future<Long> retry = appendWhileAnotherTransactionWrites(
        other -> {
          // The original append of x, as the locked path does it.
          execute(other,
              "SELECT 1 FROM " + schema + ".engram_conversations WHERE id = 'c' FOR UPDATE");
          insertMessage(other, 2, x);
          execute(other, "UPDATE " + schema + ".engram_conversations SET message_count = 2"
              + " WHERE id = 'c'");
        },
        () -> backend.append("c", List.of(x, message("y")), true, null, T0));

    assertThat(retry.get(30, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(ids(backend.load("c", LoadOptions.defaults(), T0))).containsExactly("m1", "x", "y");
    assertThat(seqs()).containsExactly(1L, 2L, 3L);
    assertThat(backend.info("c", T0).messageCount()).isEqualTo(3);
  }

  @Test
  void anAppendRacingASaveJudgesWhatIsNewAfterTheSave() throws Exception {
    backend.append("c", List.of(message("m1")), true, null, T0);
    // m1 is there in the append's snapshot, but gone once the append may write: it is new.
    Future<Long> append = appendWhileAnotherTransactionWrites(
        other -> save(other),
        () -> backend.append("c", List.of(message("m1"), message("m2")), true, null, T0));

    assertThat(append.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(ids(backend.load("c", LoadOptions.defaults(), T0))).containsExactly("m1", "m2");
    assertThat(seqs()).containsExactly(1L, 2L);
  }

  @Test
  void anAppendRacingASaveOfOneOfItsIdsAddsOnlyTheOthers() throws Exception {
    backend.append("c", List.of(message("m1")), true, null, T0);
    EncodedMessage m2 = message("m2");
    // m2 is new in the append's snapshot, but there once the append may write.
    Future<Long> append = appendWhileAnotherTransactionWrites(
        other -> save(other, m2),
        () -> backend.append("c", List.of(m2, message("m3")), true, null, T0));

    assertThat(append.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(ids(backend.load("c", LoadOptions.defaults(), T0))).containsExactly("m2", "m3");
    assertThat(seqs()).containsExactly(1L, 2L);
  }

  @Test
  void anAppendRacingADeleteStartsTheConversationAfresh() throws Exception {
    backend.append("c", List.of(message("m1")), true, null, T0);
    // m1 is there in the append's snapshot, but gone once the append may write.
    Future<Long> append = appendWhileAnotherTransactionWrites(
        other -> execute(other, "DELETE FROM " + schema + ".engram_conversations WHERE id = 'c'"),
        () -> backend.append("c", List.of(message("m1"), message("m2")), true, null, T0));

    assertThat(append.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(ids(backend.load("c", LoadOptions.defaults(), T0))).containsExactly("m1", "m2");
    assertThat(seqs()).containsExactly(1L, 2L);
  }

  @Test
  void anAppendRacingACreatorAddsToTheConversationCreated() throws Exception {
    Future<Long> append = appendWhileAnotherTransactionWrites(
        other -> execute(other, "INSERT INTO " + schema + ".engram_conversations VALUES"
            + " ('c', 5, 5, NULL, NULL, 0, '{\"by\":\"other\"}', '{\"by\":\"other\"}')"),
        () -> backend.append("c", List.of(message("m1")), true, Duration.ofHours(1), T0));

    assertThat(append.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    Conversation c = backend.load("c", LoadOptions.defaults(), T0);
    assertThat(ids(c)).containsExactly("m1");
    // The other creator's conversation, which had no TTL, took the message.
    assertThat(c.info().metadata()).containsEntry("by", "other");
    assertThat(c.info().ttl()).isNull();
  }

  @Test
  void aRetryOfMessagesAlreadyThereWritesNothing() throws SQLException {
    backend.append("c", List.of(message("m1"), message("m2")), true, Duration.ofHours(1), T0);
    String before = rowVersion();

    assertThat(backend.append(
            "c", List.of(message("m1"), message("m2")), true, null, T0.plusSeconds(60)))
        .isEqualTo(2);
    assertThat(backend.append("c", List.of(), true, null, T0.plusSeconds(60))).isEqualTo(2);

    assertThat(rowVersion()).isEqualTo(before);
    assertThat(backend.info("c", T0).expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void anIdRepeatedWithinOneCallIsAddedOnceAtItsFirstPlace() {
    EncodedMessage a = message("a");
    assertThat(backend.append("c", List.of(a, message("b"), a, message("d")), true, null, T0))
        .isEqualTo(3);
    assertThat(backend.append("c", List.of(message("e")), true, null, T0)).isEqualTo(4);
    assertThat(ids(backend.load("c", LoadOptions.defaults(), T0)))
        .containsExactly("a", "b", "d", "e");
  }

  @Test
  void callsBoundMessageByMessageAndAsArraysAgree() {
    int inline = ConversationSql.INLINE_MESSAGES;
    for (int size : new int[] {inline, inline + 1}) {
      String id = "c" + size;
      backend.append(id, List.of(message("old")), true, null, T0);
      // The call repeats the held message and one of its own, first and last.
      List<EncodedMessage> call = new ArrayList<>();
      call.add(message("old"));
      for (int i = 1; call.size() < size - 1; i++) {
        call.add(message("new" + i));
      }
      call.add(message("new1"));
      List<String> expected = new ArrayList<>(List.of("old"));
      call.subList(1, size - 1).forEach(m -> expected.add(m.id()));

      assertThat(backend.append(id, call, true, null, T0)).isEqualTo(expected.size());
      assertThat(backend.append(id, call, true, null, T0)).isEqualTo(expected.size());
      assertThat(backend.append(id, List.of(message("after")), true, null, T0))
          .isEqualTo(expected.size() + 1);
      expected.add("after");
      assertThat(ids(backend.load(id, LoadOptions.defaults(), T0)))
          .containsExactlyElementsOf(expected);
    }
  }

  /** What the other transaction of a race writes before the append starts. */
  @FunctionalInterface
  private interface Writes {
    void on(Connection other) throws SQLException;
  }

  /**
   * Stages a race: another connection's transaction makes {@code writes} and holds them,
   * uncommitted, until {@code append} is seen waiting for a lock, then commits. So the append's
   * snapshot is older than what it finds once it may write.
   */
  private Future<Long> appendWhileAnotherTransactionWrites(Writes writes, Callable<Long> append)
      throws Exception {
    try (Connection other = TestDatabase.connect()) {
      other.setAutoCommit(false);
      writes.on(other);
      Future<Long> appended = appender.submit(append);
      awaitWaitingForALock();
      other.commit();
      return appended;
    }
  }

  /** A save of conversation "c" with {@code history}, as the backend's save writes it. */
  private void save(Connection c, EncodedMessage... history) throws SQLException {
    execute(c, "UPDATE " + schema + ".engram_conversations SET message_count = " + history.length
        + " WHERE id = 'c'");
    execute(c, "DELETE FROM " + schema + ".engram_messages WHERE conversation_id = 'c'");
    for (int i = 0; i < history.length; i++) {
      insertMessage(c, i + 1, history[i]);
    }
  }

  /** Inserts a message of conversation "c" at {@code seq} as the backend writes it. */
  private void insertMessage(Connection c, long seq, EncodedMessage message) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + schema + ".engram_messages VALUES ('c', ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, message.id());
      ps.setLong(3, ItemRows.micros(T0));
      ps.setString(4, message.json());
      ps.executeUpdate();
    }
  }

  private static EncodedMessage message(String id) {
    Message message = Message.builder(Role.USER, "text of " + id).id(id).timestamp(T0).build();
    return new EncodedMessage(message, MessageCodec.encode(message));
  }

  private static List<String> ids(Conversation c) {
    return c.messages().stream().map(Message::id).toList();
  }

  private List<Long> seqs() throws SQLException {
    List<Long> seqs = new ArrayList<>();
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT seq FROM " + schema + ".engram_messages WHERE conversation_id = 'c'"
                + " ORDER BY seq")) {
      while (rs.next()) {
        seqs.add(rs.getLong(1));
      }
    }
    return seqs;
  }

  /** The physical version of the conversation row: changes with every write to it. */
  private String rowVersion() throws SQLException {
    try (Connection c = TestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT xmin::text || '/' || ctid::text FROM " + schema
                + ".engram_conversations WHERE id = 'c'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /** Waits until a statement of the backend's pool on this test's schema waits for a lock. */
  private void awaitWaitingForALock() throws Exception {
    try (Connection c = TestDatabase.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'engram'"
                + " AND wait_event_type = 'Lock' AND position(? in query) > 0")) {
      ps.setString(1, schema);
      for (int i = 0; i < 1000; i++) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError("the append never waited for the other transaction's lock");
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
