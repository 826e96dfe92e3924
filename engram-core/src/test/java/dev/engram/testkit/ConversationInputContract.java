package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.user;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.EngramException;
import dev.engram.ValueTooLargeException;
import dev.engram.conversation.AppendOptions;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.SaveOptions;
import dev.engram.conversation.ToolCall;
import dev.engram.core.ConversationStoreBuilder;
import dev.engram.core.Engram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input is refused at once, naming what is wrong, and writes nothing. */
public interface ConversationInputContract extends ConversationFixture {

  /** A bad builder setting and the setting name its error must mention. */
  enum BadConversationSetting {
    ZERO_DEFAULT_TTL(b -> b.defaultTtl(Duration.ZERO), "defaultTtl"),
    NEGATIVE_DEFAULT_TTL(b -> b.defaultTtl(Duration.ofMinutes(-1)), "defaultTtl"),
    ZERO_SWEEP_BATCH_SIZE(b -> b.sweepBatchSize(0), "sweepBatchSize"),
    ZERO_SWEEP_INTERVAL(b -> b.sweepInterval(Duration.ZERO), "sweepInterval"),
    TINY_MAX_MESSAGE_BYTES(b -> b.maxMessageBytes(1), "maxMessageBytes"),
    NULL_CLOCK(b -> b.clock(null), "clock");

    final Consumer<ConversationStoreBuilder> apply;
    final String setting;

    BadConversationSetting(Consumer<ConversationStoreBuilder> apply, String setting) {
      this.apply = apply;
      this.setting = setting;
    }
  }

  @ParameterizedTest
  @EnumSource(BadConversationSetting.class)
  default void conversationBuilderRefusesBadSettingsNamingThem(BadConversationSetting bad) {
    assertInvalid(() -> bad.apply.accept(Engram.conversations(storeUri())))
        .hasMessageContaining(bad.setting);
  }

  @Test
  default void optionBuildersRefuseNonsenseNamingTheSetting() {
    assertInvalid(() -> LoadOptions.builder().lastN(0)).hasMessageContaining("lastN");
    assertInvalid(() -> ConversationQuery.builder().limit(0)).hasMessageContaining("limit");
    assertInvalid(() -> ConversationQuery.builder().limit(1001)).hasMessageContaining("limit");
    assertInvalid(() -> ConversationQuery.builder().cursor("")).hasMessageContaining("cursor");
    assertInvalid(() -> SaveOptions.builder().ttl(Duration.ZERO)).hasMessageContaining("ttl");
    assertInvalid(() -> SaveOptions.builder().ttl(null)).hasMessageContaining("ttl");
  }

  @Test
  default void badConversationIdsAreRefused() {
    for (String bad : Arrays.asList(null, "", "a\u0000b", "x".repeat(1025), "bad\uD800")) {
      assertInvalid(() -> conversations().append(bad, user("1", "x")))
          .hasMessageContaining("conversation id");
      assertInvalid(() -> conversations().load(bad)).hasMessageContaining("conversation id");
    }
    assertThat(conversations().stats().conversations()).isZero();
  }

  @Test
  default void badMessagesAreRefusedNamingConversationAndPosition() {
    List<Message> withNull = new ArrayList<>(List.of(user("1", "ok")));
    withNull.add(null);
    assertInvalid(() -> conversations().append("c1", withNull))
        .hasMessageContaining("c1").hasMessageContaining("message 1");
    assertInvalid(() -> conversations().append("c1", (List<Message>) null))
        .hasMessageContaining("messages");
    assertInvalid(() -> conversations().append("c1", user("1", "lone \uDC00 surrogate")))
        .hasMessageContaining("message 0");
    assertInvalid(() -> conversations().append("c1",
        Message.builder(Role.USER, "x").id("1").metadata(Map.of("t", new Object())).build()))
        .hasMessageContaining("message 0");
    assertInvalid(() -> conversations().append("c1", user("bad\u0000id", "x")))
        .hasMessageContaining("message 0 id");
    assertThat(conversations().exists("c1")).isFalse();
  }

  @Test
  default void messageRecordsRefuseMissingParts() {
    assertInvalid(() -> Message.builder(null, "x").build()).hasMessageContaining("role");
    assertInvalid(() -> Message.builder(Role.USER, null).build()).hasMessageContaining("content");
    assertInvalid(() -> user("", "x")).hasMessageContaining("id");
    assertInvalid(() -> new ToolCall("", "f", Map.of())).hasMessageContaining("id");
    assertInvalid(() -> new ToolCall("c", "", Map.of())).hasMessageContaining("name");
    assertInvalid(() -> new ToolCall("c", "f", null)).hasMessageContaining("arguments");
    assertInvalid(() -> Role.fromJson("robot")).hasMessageContaining("robot");
  }

  @Test
  default void saveRefusesTwoMessagesWithOneIdAndWritesNothing() {
    assertInvalid(() -> conversations().save("c1", List.of(user("1", "a"), user("2", "b"),
        user("1", "c")))).hasMessageContaining("messages 0 and 2").hasMessageContaining("\"1\"");
    assertThat(conversations().exists("c1")).isFalse();
  }

  @Test
  default void aMessageOverTheSizeLimitIsRefused() {
    ConversationStore store = conversations(b -> b.maxMessageBytes(1000));
    assertThatThrownBy(() -> store.append("c1", user("1", "x".repeat(2000))))
        .isInstanceOf(ValueTooLargeException.class).hasMessageContaining("message 0");
    store.append("c1", user("1", "x".repeat(500)));
    assertThat(store.load("c1").orElseThrow().messageCount()).isEqualTo(1);
  }

  @Test
  default void nullOptionsAreRefused() {
    assertInvalid(() -> conversations().save("c1", List.of(), null)).hasMessageContaining("save");
    assertInvalid(() -> conversations().load("c1", null)).hasMessageContaining("load");
    assertInvalid(() -> conversations().append("c1", List.of(), (AppendOptions) null))
        .hasMessageContaining("append");
    assertInvalid(() -> conversations().list(null)).hasMessageContaining("query");
  }

  @Test
  default void badFiltersAndCursorsAreRefused() {
    assertInvalid(() -> conversations().list(ConversationQuery.builder()
        .metadataFilter(object("turns", object("$regex", "x"))).build()))
        .hasMessageContaining("$regex").hasMessageContaining("turns");
    assertInvalid(() -> conversations().list(ConversationQuery.builder()
        .cursor("not-a-cursor!").build())).hasMessageContaining("cursor");
  }

  @Test
  default void setTtlRefusesANonPositiveTtl() {
    conversations().save("c1", List.of());
    assertInvalid(() -> conversations().setTtl("c1", Duration.ZERO)).hasMessageContaining("ttl");
    assertInvalid(() -> conversations().setTtl("c1", Duration.ofSeconds(-5)))
        .hasMessageContaining("ttl");
  }

  @Test
  default void aClosedStoreRefusesWork() {
    ConversationStore store = conversations(b -> b);
    store.close();
    assertThatThrownBy(() -> store.load("c1")).isInstanceOf(EngramException.class)
        .hasMessageContaining("closed");
    store.close();
  }
}
