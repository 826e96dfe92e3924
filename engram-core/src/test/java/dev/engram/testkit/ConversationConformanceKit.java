package dev.engram.testkit;

import dev.engram.conversation.ConversationStore;
import dev.engram.core.ConversationStoreBuilder;
import dev.engram.core.Engram;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The conformance kit for conversations: the semantics of {@link ConversationStore}, pinned down
 * as tests. A backend module subclasses this in its tests and says how to get fresh, empty storage:
 *
 * <pre>{@code
 * class SqliteConversationConformanceTest extends ConversationConformanceKit {
 *   protected String freshStoreUri(Path tempDir) {
 *     return "sqlite:" + tempDir.resolve("engram.db");
 *   }
 * }
 * }</pre>
 *
 * <p>Every test runs on its own fresh storage with a {@link MutableClock} and no background sweep,
 * so TTL behaviour is tested by moving the clock, never by sleeping.
 */
public abstract class ConversationConformanceKit extends KitSupport
    implements ConversationSaveLoadContract,
        ConversationAppendContract,
        ConversationTtlContract,
        ConversationListContract,
        ConversationConcurrencyContract,
        ConversationInputContract {

  private @Nullable ConversationStore defaultStore;

  /**
   * Opens a store from a builder the kit has configured (test clock, settings of the test). The
   * default opens it directly; override to put something between the kit and the store, such as
   * an HTTP server over {@code builder.open()} and a client talking to it. The kit closes the
   * returned store after the test.
   */
  protected ConversationStore openConversations(ConversationStoreBuilder builder) {
    return builder.open();
  }

  @Override
  final void forgetDefaultStore() {
    defaultStore = null;
  }

  @Override
  public final ConversationStore conversations() {
    if (defaultStore == null) {
      defaultStore = conversations(UnaryOperator.identity());
    }
    return defaultStore;
  }

  @Override
  public final ConversationStore conversations(UnaryOperator<ConversationStoreBuilder> customize) {
    return track(
        openConversations(
            customize.apply(Engram.conversations(storeUri()).clock(clock()).backgroundSweep(false))));
  }
}
