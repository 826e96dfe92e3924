package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.NotFoundException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.SaveOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sliding TTLs, getTtl/setTtl, expiry as absence, cleanup. Time only moves through the clock. */
public interface ConversationTtlContract extends ConversationFixture {

  Duration TEN_MINUTES = Duration.ofMinutes(10);

  private SaveOptions ttl(Duration ttl) {
    return SaveOptions.builder().ttl(ttl).build();
  }

  @Test
  default void withoutTtlAConversationNeverExpires() {
    conversations().save("c1", List.of(user("1", "a")));
    clock().advance(Duration.ofDays(36500));
    assertThat(conversations().exists("c1")).isTrue();
    assertThat(conversations().getTtl("c1")).isEmpty();
  }

  @Test
  default void saveWithTtlSetsExpiryAndGetTtlReportsWhatIsLeft() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    assertThat(loaded("c1").expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(loaded("c1").ttl()).isEqualTo(TEN_MINUTES);

    clock().advance(Duration.ofMinutes(4));
    assertThat(conversations().getTtl("c1")).contains(Duration.ofMinutes(6));
  }

  @Test
  default void theStoreDefaultTtlAppliesToSavesAndToConversationsAppendsCreate() {
    ConversationStore store = conversations(b -> b.defaultTtl(Duration.ofHours(1)));
    store.save("saved", List.of());
    store.append("appended", user("1", "a"));
    assertThat(store.getTtl("saved")).contains(Duration.ofHours(1));
    assertThat(store.getTtl("appended")).contains(Duration.ofHours(1));
  }

  @Test
  default void noExpiryOverridesTheStoreDefault() {
    ConversationStore store = conversations(b -> b.defaultTtl(Duration.ofHours(1)));
    store.save("c1", List.of(), SaveOptions.builder().noExpiry().build());
    clock().advance(Duration.ofDays(2));
    assertThat(store.getTtl("c1")).isEmpty();
  }

  @Test
  default void anExpiredConversationIsAbsentToEveryRead() {
    conversations().save("gone", List.of(user("1", "a")), ttl(TEN_MINUTES));
    conversations().save("kept", List.of(user("1", "a")));
    clock().advance(TEN_MINUTES);

    assertThat(conversations().load("gone")).isEmpty();
    assertThat(conversations().exists("gone")).isFalse();
    assertThatThrownBy(() -> conversations().getTtl("gone")).isInstanceOf(NotFoundException.class);
    assertThat(conversations().list(ConversationQuery.firstPage()).conversations())
        .extracting(i -> i.id()).containsExactly("kept");
    assertThat(conversations().stats().conversations()).isEqualTo(1);
    assertThat(conversations().stats().messages()).isEqualTo(1);
    assertThat(conversations().stats().expired()).isEqualTo(1);
    assertThat(conversations().delete("gone")).isFalse();
  }

  @Test
  default void includeExpiredLoadsAnExpiredConversationUntilCleanup() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(11));

    Conversation c = conversations()
        .load("c1", LoadOptions.builder().includeExpired(true).build()).orElseThrow();
    assertThat(ids(c)).containsExactly("1");

    assertThat(conversations().cleanup()).isEqualTo(1);
    assertThat(conversations().load("c1", LoadOptions.builder().includeExpired(true).build()))
        .isEmpty();
  }

  @Test
  default void appendSlidesTheExpiryKeepingTheTtl() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(8));
    conversations().append("c1", user("2", "b"));

    assertThat(loaded("c1").expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(conversations().getTtl("c1")).contains(TEN_MINUTES);
    clock().advance(Duration.ofMinutes(8));
    assertThat(conversations().exists("c1")).isTrue();
  }

  @Test
  default void aRetriedAppendDoesNotExtendTheTtl() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(8));
    conversations().append("c1", user("1", "a"));
    assertThat(conversations().getTtl("c1")).contains(Duration.ofMinutes(2));
  }

  @Test
  default void loadingDoesNotExtendTheTtl() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(8));
    conversations().load("c1");
    assertThat(conversations().getTtl("c1")).contains(Duration.ofMinutes(2));
  }

  @Test
  default void appendingToAnExpiredConversationStartsAFreshOne() {
    conversations().save("c1", List.of(user("1", "old"), user("2", "old")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(11));

    assertThat(conversations().append("c1", user("1", "new"))).isEqualTo(1);
    Conversation c = loaded("c1");
    assertThat(c.messages()).extracting(m -> m.content()).containsExactly("new");
    assertThat(c.createdAt()).isEqualTo(now());
  }

  @Test
  default void setTtlChangesTheRealExpiryAndWhatLoadAndGetTtlReport() {
    conversations().save("c1", List.of(user("1", "a")), ttl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(5));

    conversations().setTtl("c1", Duration.ofMinutes(1));
    assertThat(conversations().getTtl("c1")).contains(Duration.ofMinutes(1));
    assertThat(loaded("c1").ttl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(loaded("c1").expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(1)));

    clock().advance(Duration.ofMinutes(1));
    assertThat(conversations().exists("c1")).isFalse();
  }

  @Test
  default void setTtlLeavesUpdatedAtAlone() {
    conversations().save("c1", List.of());
    var updated = now();
    clock().advance(Duration.ofMinutes(5));
    conversations().setTtl("c1", TEN_MINUTES);
    assertThat(loaded("c1").updatedAt()).isEqualTo(updated);
  }

  @Test
  default void setTtlNullRemovesTheExpiry() {
    conversations().save("c1", List.of(), ttl(TEN_MINUTES));
    conversations().setTtl("c1", null);
    assertThat(conversations().getTtl("c1")).isEmpty();
    assertThat(loaded("c1").expiresAt()).isNull();
    clock().advance(Duration.ofDays(1));
    assertThat(conversations().exists("c1")).isTrue();
  }

  @Test
  default void getTtlAndSetTtlOfAnAbsentConversationAreNotFound() {
    assertThatThrownBy(() -> conversations().getTtl("nobody"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
    assertThatThrownBy(() -> conversations().setTtl("nobody", TEN_MINUTES))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
  }

  @Test
  default void cleanupRemovesOnlyExpiredConversationsAndCountsThem() {
    ConversationStore store = conversations(b -> b.sweepBatchSize(2));
    for (int i = 0; i < 5; i++) {
      store.save("short" + i, List.of(user("1", "a")), ttl(Duration.ofMinutes(1)));
    }
    store.save("long", List.of(user("1", "a")), ttl(Duration.ofHours(1)));
    clock().advance(Duration.ofMinutes(2));

    assertThat(store.cleanup()).isEqualTo(5);
    assertThat(store.stats().expired()).isZero();
    assertThat(store.exists("long")).isTrue();
    assertThat(store.cleanup()).isZero();
  }
}
