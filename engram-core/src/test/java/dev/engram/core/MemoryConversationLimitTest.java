package dev.engram.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.UnsupportedFeatureException;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import dev.engram.spi.StoreBackend;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory backend's maxConversations bound: least recently used evicted, bad values refused. */
class MemoryConversationLimitTest {

  @Test
  void beyondTheBoundTheLeastRecentlyUsedConversationIsEvicted() {
    try (ConversationStore store =
        Engram.conversations("memory:?maxConversations=3").backgroundSweep(false).open()) {
      store.append("a", Message.user("1"));
      store.append("b", Message.user("1"));
      store.append("c", Message.user("1"));
      store.load("a"); // a is now more recent than b

      store.append("d", Message.user("1"));

      assertThat(store.exists("b")).isFalse();
      assertThat(store.exists("a")).isTrue();
      assertThat(store.exists("c")).isTrue();
      assertThat(store.exists("d")).isTrue();
      assertThat(store.stats().conversations()).isEqualTo(3);
    }
  }

  @Test
  void appendingToAKeptConversationDoesNotEvict() {
    try (ConversationStore store =
        Engram.conversations("memory:?maxConversations=1").backgroundSweep(false).open()) {
      store.append("only", List.of(Message.user("1"), Message.user("2")));
      store.append("only", Message.user("3"));
      assertThat(store.load("only").orElseThrow().messageCount()).isEqualTo(3);
    }
  }

  @Test
  void zeroOrBelowIsRefusedNamingTheSetting() {
    for (String bad : List.of("0", "-1", "many")) {
      assertThatThrownBy(() -> Engram.conversations("memory:?maxConversations=" + bad).open())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("maxConversations");
    }
  }

  @Test
  void unknownParametersAreRefused() {
    assertThatThrownBy(() -> Engram.conversations("memory:?maxConversation=3").open())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxConversation");
  }

  @Test
  void aBackendWithoutConversationsSaysSo() {
    BackendProvider storeOnly =
        new BackendProvider() {
          @Override
          public Set<String> schemes() {
            return Set.of("storeonly");
          }

          @Override
          public StoreBackend openStore(BackendUri uri) {
            throw new AssertionError("not opened here");
          }
        };
    BackendUri uri = BackendUri.parse("storeonly:x");
    assertThatThrownBy(() -> storeOnly.openConversations(uri))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("storeonly");
    assertThatThrownBy(() -> storeOnly.openCheckpoints(uri))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("storeonly");
  }
}
