package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.user;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.SaveOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listing by id with cursors and metadata filters; stats. */
public interface ConversationListContract extends ConversationFixture {

  private void saveWith(String id, Map<String, Object> metadata, int messages) {
    List<dev.engram.conversation.Message> list = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      list.add(user("m" + i, "x"));
    }
    conversations().save(id, list, SaveOptions.builder().metadata(metadata).build());
  }

  private List<String> idsOf(ConversationPage page) {
    return page.conversations().stream().map(ConversationInfo::id).toList();
  }

  @Test
  default void listPagesThroughEveryConversationInIdOrder() {
    for (String id : List.of("e", "b", "d", "a", "c")) {
      saveWith(id, Map.of(), 1);
    }
    ConversationPage first = conversations().list(ConversationQuery.builder().limit(2).build());
    assertThat(idsOf(first)).containsExactly("a", "b");
    ConversationPage second = conversations()
        .list(ConversationQuery.builder().limit(2).cursor(first.nextCursor()).build());
    assertThat(idsOf(second)).containsExactly("c", "d");
    ConversationPage third = conversations()
        .list(ConversationQuery.builder().limit(2).cursor(second.nextCursor()).build());
    assertThat(idsOf(third)).containsExactly("e");
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  default void aFullLastPageHasNoNextCursor() {
    saveWith("a", Map.of(), 0);
    saveWith("b", Map.of(), 0);
    ConversationPage page = conversations().list(ConversationQuery.builder().limit(2).build());
    assertThat(idsOf(page)).containsExactly("a", "b");
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  default void idsOrderByCodePoint() {
    for (String id : List.of("é", "z", "Z", "😀", "\uFFFD")) {
      saveWith(id, Map.of(), 0);
    }
    assertThat(idsOf(conversations().list(ConversationQuery.firstPage())))
        .containsExactly("Z", "z", "é", "\uFFFD", "😀");
  }

  @Test
  default void listFiltersOnMetadataWithTheStoresFilterLanguage() {
    saveWith("a", object("user", "alice", "turns", 3), 0);
    saveWith("b", object("user", "bob", "turns", 10), 0);
    saveWith("c", object("user", "alice", "turns", 9.5), 0);
    saveWith("d", Map.of(), 0);

    assertThat(idsOf(conversations().list(ConversationQuery.builder()
        .metadataFilter(object("user", "alice")).build()))).containsExactly("a", "c");
    assertThat(idsOf(conversations().list(ConversationQuery.builder()
        .metadataFilter(object("turns", object("$gte", 9))).build()))).containsExactly("b", "c");
    assertThat(idsOf(conversations().list(ConversationQuery.builder()
        .metadataFilter(object("user", object("$exists", false))).build()))).containsExactly("d");
  }

  @Test
  default void filteredPagesFollowTheCursor() {
    for (int i = 0; i < 10; i++) {
      saveWith("c" + i, object("even", i % 2 == 0), 0);
    }
    ConversationQuery.Builder q =
        ConversationQuery.builder().limit(2).metadataFilter(object("even", true));
    ConversationPage first = conversations().list(q.build());
    ConversationPage second = conversations().list(q.cursor(first.nextCursor()).build());
    ConversationPage third = conversations().list(q.cursor(second.nextCursor()).build());
    assertThat(idsOf(first)).containsExactly("c0", "c2");
    assertThat(idsOf(second)).containsExactly("c4", "c6");
    assertThat(idsOf(third)).containsExactly("c8");
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  default void listedConversationsCarryTheirHeader() {
    saveWith("a", object("k", "v"), 3);
    ConversationInfo info = conversations().list(ConversationQuery.firstPage())
        .conversations().get(0);
    assertThat(info.messageCount()).isEqualTo(3);
    assertThat(info.metadata()).isEqualTo(Map.of("k", "v"));
    assertThat(info.updatedAt()).isEqualTo(now());
  }

  @Test
  default void statsCountConversationsAndMessages() {
    saveWith("a", Map.of(), 2);
    saveWith("b", Map.of(), 3);
    conversations().append("c", user("1", "x"));

    ConversationStats stats = conversations().stats();
    assertThat(stats.conversations()).isEqualTo(3);
    assertThat(stats.messages()).isEqualTo(6);
    assertThat(stats.expired()).isZero();
    if (stats.storageBytes() != null) {
      assertThat(stats.storageBytes()).isPositive();
    }
  }

  @Test
  default void anEmptyStoreListsNothing() {
    ConversationPage page = conversations().list(ConversationQuery.firstPage());
    assertThat(page.conversations()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }
}
