package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.msg;
import static dev.engram.testkit.ConversationFixture.user;
import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.conversation.AppendOptions;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.SaveOptions;
import dev.engram.conversation.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Appends: creation, order, idempotency, timestamps, and what messages carry. */
public interface ConversationAppendContract extends ConversationFixture {

  @Test
  default void appendCreatesAnAbsentConversation() {
    long count = conversations().append("new", List.of(user("1", "hi"), user("2", "there")));

    assertThat(count).isEqualTo(2);
    Conversation c = loaded("new");
    assertThat(ids(c)).containsExactly("1", "2");
    assertThat(c.createdAt()).isEqualTo(now());
    assertThat(c.metadata()).isEmpty();
  }

  @Test
  default void appendAddsAfterWhatIsThereAndReturnsTheCount() {
    conversations().save("c1", List.of(user("1", "a"), user("2", "b")));
    assertThat(conversations().append("c1", user("3", "c"))).isEqualTo(3);
    assertThat(conversations().append("c1", List.of(user("4", "d"), user("5", "e"))))
        .isEqualTo(5);
    assertThat(ids(loaded("c1"))).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  default void appendingAnIdTheConversationHoldsChangesNothing() {
    conversations().append("c1", List.of(user("1", "original"), user("2", "b")));
    Instant updated = now();
    clock().advance(Duration.ofMinutes(1));

    assertThat(conversations().append("c1", user("1", "retry"))).isEqualTo(2);

    Conversation c = loaded("c1");
    assertThat(ids(c)).containsExactly("1", "2");
    assertThat(c.messages().get(0).content()).isEqualTo("original");
    assertThat(c.updatedAt()).isEqualTo(updated);
  }

  @Test
  default void aRetriedBatchAddsOnlyWhatIsNew() {
    conversations().append("c1", List.of(user("1", "a"), user("2", "b")));
    assertThat(conversations().append("c1", List.of(user("1", "a"), user("2", "b"),
        user("3", "c")))).isEqualTo(3);
    assertThat(ids(loaded("c1"))).containsExactly("1", "2", "3");
  }

  @Test
  default void anIdRepeatedWithinOneAppendKeepsTheFirst() {
    assertThat(conversations().append("c1", List.of(user("1", "first"), user("1", "second"))))
        .isEqualTo(1);
    assertThat(loaded("c1").messages().get(0).content()).isEqualTo("first");
  }

  @Test
  default void appendMovesUpdatedAtUnlessToldNot() {
    conversations().append("c1", user("1", "a"));
    Instant created = now();
    clock().advance(Duration.ofMinutes(1));
    conversations().append("c1", List.of(user("2", "b")),
        AppendOptions.builder().updateTimestamp(false).build());
    assertThat(loaded("c1").updatedAt()).isEqualTo(created);

    clock().advance(Duration.ofMinutes(1));
    conversations().append("c1", user("3", "c"));
    assertThat(loaded("c1").updatedAt()).isEqualTo(now());
    assertThat(loaded("c1").createdAt()).isEqualTo(created);
  }

  @Test
  default void appendKeepsWhatSaveSet() {
    conversations().save("c1", List.of(user("1", "a")),
        SaveOptions.builder().metadata(object("topic", "billing")).build());
    conversations().append("c1", user("2", "b"));
    assertThat(loaded("c1").metadata()).isEqualTo(Map.of("topic", "billing"));
  }

  @Test
  default void orderIsAppendOrderNotTimestampOrder() {
    conversations().append("c1", Message.builder(Role.USER, "late").id("late")
        .timestamp(Instant.parse("2030-01-01T00:00:00Z")).build());
    conversations().append("c1", Message.builder(Role.USER, "early").id("early")
        .timestamp(Instant.parse("2000-01-01T00:00:00Z")).build());
    assertThat(ids(loaded("c1"))).containsExactly("late", "early");
  }

  @Test
  default void toolCallsAndToolAnswersRoundTrip() {
    Message call = Message.builder(Role.ASSISTANT, "")
        .id("a1")
        .toolCall(new ToolCall("call_1", "search",
            object("q", "weather in Paris", "limit", 3, "filters", object("units", array("C")))))
        .toolCall(new ToolCall("call_2", "clock", Map.of()))
        .build();
    Message answer = Message.builder(Role.TOOL, "{\"temp\": 21}").id("t1")
        .toolCallId("call_1").build();
    conversations().append("c1", List.of(user("u1", "weather?"), call, answer));

    Conversation c = loaded("c1");
    Message storedCall = c.messages().get(1);
    assertThat(storedCall.toolCalls()).containsExactly(
        new ToolCall("call_1", "search",
            object("q", "weather in Paris", "limit", 3, "filters", object("units", array("C")))),
        new ToolCall("call_2", "clock", Map.of()));
    assertThat(storedCall.toolCallId()).isNull();
    assertThat(c.messages().get(2).toolCallId()).isEqualTo("call_1");
    assertThat(c.messages().get(2).role()).isEqualTo(Role.TOOL);
    assertThat(c.messages().get(0).toolCalls()).isEmpty();
  }

  @Test
  default void unicodeSurvivesInIdsContentAndMetadata() {
    String text = "héllo 日本 😀 𝄞 \u0000 nul, עברית, \"quotes\" \\ \n\t";
    Message m = Message.builder(Role.USER, text).id("ïd-😀")
        .metadata(object("ключ", "值 😀")).build();
    conversations().append("conv-𝄞-é", m);

    Conversation c = loaded("conv-𝄞-é");
    assertThat(c.messages().get(0).id()).isEqualTo("ïd-😀");
    assertThat(c.messages().get(0).content()).isEqualTo(text);
    assertThat(c.messages().get(0).metadata()).isEqualTo(Map.of("ключ", "值 😀"));
  }

  @Test
  default void everyRoleRoundTrips() {
    conversations().append("c1", List.of(msg("1", Role.SYSTEM, "s"), msg("2", Role.USER, "u"),
        msg("3", Role.ASSISTANT, "a"), Message.builder(Role.TOOL, "t").id("4").toolCallId("x")
            .build()));
    assertThat(loaded("c1").messages()).extracting(Message::role)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
  }

  @Test
  default void appendingNothingCreatesTheConversationOnly() {
    assertThat(conversations().append("c1", List.of())).isZero();
    assertThat(conversations().exists("c1")).isTrue();
    assertThat(conversations().append("c1", List.of())).isZero();
  }
}
