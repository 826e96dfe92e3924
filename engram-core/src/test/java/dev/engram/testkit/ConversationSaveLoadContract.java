package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.msg;
import static dev.engram.testkit.ConversationFixture.user;
import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.SaveOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Save, load, delete, exists and clear; what a load selects with lastN and after. */
public interface ConversationSaveLoadContract extends ConversationFixture {

  @Test
  default void saveThenLoadGivesTheMessagesInOrderWithTheirHeader() {
    ConversationInfo saved =
        conversations()
            .save("c1", List.of(
                msg("m1", Role.SYSTEM, "be brief"), user("m2", "hi"),
                msg("m3", Role.ASSISTANT, "hello")),
                SaveOptions.builder().metadata(object("user", "alice")).build());

    Conversation c = loaded("c1");
    assertThat(ids(c)).containsExactly("m1", "m2", "m3");
    assertThat(c.messages()).extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT);
    assertThat(c.messages().get(2).content()).isEqualTo("hello");
    assertThat(c.id()).isEqualTo("c1");
    assertThat(c.messageCount()).isEqualTo(3);
    assertThat(c.createdAt()).isEqualTo(now());
    assertThat(c.updatedAt()).isEqualTo(now());
    assertThat(c.metadata()).isEqualTo(Map.of("user", "alice"));
    assertThat(c.ttl()).isNull();
    assertThat(c.expiresAt()).isNull();
    assertThat(saved).isEqualTo(c.info());
  }

  @Test
  default void saveReplacesMessagesAndMetadataButKeepsCreatedAt() {
    conversations().save("c1", List.of(user("a", "1"), user("b", "2")),
        SaveOptions.builder().metadata(object("v", 1)).build());
    Instant created = now();
    clock().advance(Duration.ofMinutes(3));

    conversations().save("c1", List.of(user("c", "3")));

    Conversation c = loaded("c1");
    assertThat(ids(c)).containsExactly("c");
    assertThat(c.messageCount()).isEqualTo(1);
    assertThat(c.metadata()).isEmpty();
    assertThat(c.createdAt()).isEqualTo(created);
    assertThat(c.updatedAt()).isEqualTo(now());
  }

  @Test
  default void messagesWithoutIdOrTimestampGetTimeOrderedIdsAndTheCurrentTime() {
    conversations().save("c1", List.of(Message.user("one"), Message.assistant("two"),
        Message.user("three")));

    Conversation c = loaded("c1");
    List<String> ids = ids(c);
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    assertThat(ids.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(c.messages()).allSatisfy(m -> assertThat(m.timestamp()).isEqualTo(now()));
  }

  @Test
  default void givenTimestampsAreKeptAtMicrosecondPrecision() {
    Instant given = Instant.parse("2020-01-02T03:04:05.123456789Z");
    conversations().save("c1",
        List.of(Message.builder(Role.USER, "x").id("m").timestamp(given).build()));
    assertThat(loaded("c1").messages().get(0).timestamp())
        .isEqualTo(Instant.parse("2020-01-02T03:04:05.123456Z"));
  }

  @Test
  default void loadOfAnAbsentConversationIsEmpty() {
    assertThat(conversations().load("nobody")).isEmpty();
    assertThat(conversations().exists("nobody")).isFalse();
  }

  @Test
  default void savingNoMessagesCreatesAnEmptyConversation() {
    conversations().save("empty", List.of());
    assertThat(conversations().exists("empty")).isTrue();
    assertThat(loaded("empty").messages()).isEmpty();
    assertThat(loaded("empty").messageCount()).isZero();
  }

  @Test
  default void deleteRemovesTheConversationAndSaysWhetherItDid() {
    conversations().save("c1", List.of(user("a", "x")));
    assertThat(conversations().delete("c1")).isTrue();
    assertThat(conversations().exists("c1")).isFalse();
    assertThat(conversations().load("c1")).isEmpty();
    assertThat(conversations().delete("c1")).isFalse();
  }

  @Test
  default void aDeletedConversationStartsAfreshWhenAppendedTo() {
    conversations().save("c1", List.of(user("a", "x")));
    conversations().delete("c1");
    assertThat(conversations().append("c1", user("a", "again"))).isEqualTo(1);
    assertThat(loaded("c1").messages().get(0).content()).isEqualTo("again");
  }

  @Test
  default void clearRemovesEveryConversationAndCountsThem() {
    conversations().save("a", List.of(user("1", "x")));
    conversations().save("b", List.of());
    conversations().append("c", user("1", "y"));

    assertThat(conversations().clear()).isEqualTo(3);
    assertThat(conversations().exists("a")).isFalse();
    assertThat(conversations().stats().conversations()).isZero();
    assertThat(conversations().clear()).isZero();
  }

  @Test
  default void lastNReturnsTheLastMessagesWhileMessageCountIsTheTotal() {
    conversations().save("c1", List.of(user("1", "a"), user("2", "b"), user("3", "c"),
        user("4", "d")));

    Conversation c = conversations().load("c1", LoadOptions.builder().lastN(2).build()).orElseThrow();
    assertThat(ids(c)).containsExactly("3", "4");
    assertThat(c.messageCount()).isEqualTo(4);

    assertThat(ids(conversations().load("c1", LoadOptions.builder().lastN(10).build())
        .orElseThrow())).containsExactly("1", "2", "3", "4");
  }

  @Test
  default void afterReturnsOnlyMessagesStrictlyLater() {
    Instant t0 = now();
    conversations().append("c1", user("1", "a"));
    clock().advance(Duration.ofSeconds(1));
    Instant t1 = now();
    conversations().append("c1", user("2", "b"));
    clock().advance(Duration.ofSeconds(1));
    conversations().append("c1", user("3", "c"));

    assertThat(ids(conversations().load("c1", LoadOptions.builder().after(t0).build())
        .orElseThrow())).containsExactly("2", "3");
    assertThat(ids(conversations().load("c1", LoadOptions.builder().after(t1).build())
        .orElseThrow())).containsExactly("3");
    assertThat(ids(conversations().load("c1", LoadOptions.builder().after(now()).build())
        .orElseThrow())).isEmpty();
  }

  @Test
  default void afterAndLastNCombine() {
    Instant start = now();
    for (int i = 1; i <= 5; i++) {
      clock().advance(Duration.ofSeconds(1));
      conversations().append("c1", user("m" + i, "x"));
    }
    Conversation c = conversations()
        .load("c1", LoadOptions.builder().after(start.plusSeconds(2)).lastN(2).build())
        .orElseThrow();
    assertThat(ids(c)).containsExactly("m4", "m5");
    assertThat(c.messageCount()).isEqualTo(5);
  }

  @Test
  default void metadataAndMessageValuesComeBackCanonical() {
    Message m = Message.builder(Role.USER, "x").id("m")
        .metadata(object("d", 1.5, "n", 7L, "list", array(1, null, true)))
        .build();
    conversations().save("c1", List.of(m), SaveOptions.builder()
        .metadata(object("score", 2.50, "nested", object("k", "v"))).build());

    Conversation c = loaded("c1");
    assertThat(c.messages().get(0).metadata())
        .isEqualTo(object("d", new BigDecimal("1.5"), "n", 7, "list", array(1, null, true)));
    assertThat(c.metadata()).isEqualTo(object("score", new BigDecimal("2.5"),
        "nested", object("k", "v")));
  }

  @Test
  default void loadedConversationsCannotBeModified() {
    conversations().save("c1", List.of(user("a", "x")));
    Conversation c = loaded("c1");
    assertThatThrownBy(() -> c.messages().add(user("b", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.metadata().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
