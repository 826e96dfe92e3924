package dev.engram.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.core.ConversationStoreBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every contract of the conversation kit gets from {@link ConversationConformanceKit}:
 * conversation stores on the backend under test, all driven by one {@link MutableClock}.
 */
public interface ConversationFixture {

  /** The store of this test, opened on first use with the test clock and default settings. */
  ConversationStore conversations();

  /** A store on the same storage, opened with the test clock and the given extra settings. */
  ConversationStore conversations(UnaryOperator<ConversationStoreBuilder> customize);

  /** The URI this test's stores open. */
  String storeUri();

  /** The clock every store of this test reads; it only moves when the test moves it. */
  MutableClock clock();

  /** The current time as stores record it: truncated to whole microseconds. */
  default Instant now() {
    return clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A message with an id, a role and content, stamped by the store. */
  static Message msg(String id, Role role, String content) {
    return Message.builder(role, content).id(id).build();
  }

  /** A user message with an id. */
  static Message user(String id, String content) {
    return msg(id, Role.USER, content);
  }

  /** The conversation with all messages; fails when it is absent. */
  default Conversation loaded(String id) {
    return conversations()
        .load(id, LoadOptions.defaults())
        .orElseThrow(() -> new AssertionError("no conversation " + id));
  }

  /** The ids of the messages, in order. */
  default List<String> ids(Conversation conversation) {
    return conversation.messages().stream().map(Message::id).toList();
  }

  /** Asserts that {@code call} throws {@link InvalidInputException} (or a subclass). */
  default AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOf(InvalidInputException.class);
  }
}
