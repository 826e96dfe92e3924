package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.PutOptions;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry, default TTLs and TTL refresh on reads. Time only moves through the test clock. */
public interface TtlContract extends StoreFixture {

  Namespace SESSIONS = ns("sessions");
  Duration TEN_MINUTES = Duration.ofMinutes(10);

  private static PutOptions ttl(Duration ttl) {
    return withTtl(ttl);
  }

  @Test
  default void itemsWithoutTtlNeverExpire() {
    store().put(SESSIONS, "k", object("a", 1));
    clock().advance(Duration.ofDays(365 * 100));
    assertThat(stored(SESSIONS, "k").expiresAt()).isNull();
  }

  @Test
  default void ttlSetsExpiresAtFromThePutTime() {
    Item item = store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    assertThat(item.expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(stored(SESSIONS, "k").expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
  }

  @Test
  default void storeDefaultTtlAppliesToPutsWithoutOne() {
    Store store = store(b -> b.defaultTtl(Duration.ofHours(1)));
    Item item = store.put(SESSIONS, "k", object("a", 1));
    assertThat(item.expiresAt()).isEqualTo(now().plus(Duration.ofHours(1)));
  }

  @Test
  default void explicitTtlOverridesTheStoreDefault() {
    Store store = store(b -> b.defaultTtl(Duration.ofHours(1)));
    Item item = store.put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    assertThat(item.expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
  }

  @Test
  default void noExpiryOverridesTheStoreDefault() {
    Store store = store(b -> b.defaultTtl(Duration.ofHours(1)));
    Item item = store.put(SESSIONS, "k", object("a", 1), PutOptions.builder().noExpiry().build());
    assertThat(item.expiresAt()).isNull();
    clock().advance(Duration.ofDays(2));
    assertThat(store.get(SESSIONS, "k")).isPresent();
  }

  @Test
  default void itemIsVisibleUntilTheInstantItExpires() {
    Instant expiresAt =
        store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES)).expiresAt();

    clock().set(expiresAt.minusNanos(1));
    assertThat(store().get(SESSIONS, "k", false)).isPresent();
    clock().set(expiresAt);
    assertThat(store().get(SESSIONS, "k", false)).isEmpty();
    clock().set(expiresAt.plusNanos(999));
    assertThat(store().get(SESSIONS, "k", false)).isEmpty();
  }

  @Test
  default void expiredItemsAreInvisibleToEveryReadBeforeAnySweep() {
    store().put(ns("short"), "gone", object("a", 1), withTtl(Duration.ofSeconds(30)));
    store().put(ns("long"), "kept", object("a", 1), withTtl(Duration.ofHours(1)));
    clock().advance(Duration.ofMinutes(1));

    assertThat(store().get(ns("short"), "gone")).isEmpty();
    assertThat(store().get(ns("short"), "gone", true)).isEmpty();
    assertThat(keys(searchAll(Namespace.root()))).containsExactly("kept");
    assertThat(store().listNamespaces(NamespaceQuery.all())).containsExactly(ns("long"));
  }

  @Test
  default void readsRefreshTtlByDefaultWithoutTouchingVersionOrUpdatedAt() {
    Item put = store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));

    Item read = store().get(SESSIONS, "k").orElseThrow();
    assertThat(read.expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(read.updatedAt()).isEqualTo(put.updatedAt());
    assertThat(read.version()).isEqualTo(put.version());

    clock().advance(Duration.ofMinutes(6));
    assertThat(stored(SESSIONS, "k").expiresAt()).isEqualTo(read.expiresAt());
  }

  @Test
  default void readWithRefreshOffLeavesTheTtlAlone() {
    Item put = store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));
    assertThat(store().get(SESSIONS, "k", false).orElseThrow().expiresAt())
        .isEqualTo(put.expiresAt());
    clock().advance(Duration.ofMinutes(6));
    assertThat(store().get(SESSIONS, "k", false)).isEmpty();
  }

  @Test
  default void storeWithoutRefreshOnReadRefreshesOnlyWhenAsked() {
    Store store = store(b -> b.refreshOnRead(false));
    Item put = store.put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));

    assertThat(store.get(SESSIONS, "k").orElseThrow().expiresAt()).isEqualTo(put.expiresAt());
    assertThat(store.get(SESSIONS, "k", true).orElseThrow().expiresAt())
        .isEqualTo(now().plus(TEN_MINUTES));
    assertThat(store.get(SESSIONS, "k").orElseThrow().expiresAt())
        .isEqualTo(now().plus(TEN_MINUTES));
  }

  @Test
  default void refreshNeverGivesATtlToAnItemWithoutOne() {
    store().put(SESSIONS, "k", object("a", 1));
    clock().advance(Duration.ofMinutes(1));
    assertThat(store().get(SESSIONS, "k", true).orElseThrow().expiresAt()).isNull();
    assertThat(store().search(SearchRequest.builder().refreshTtl(true).build()))
        .allSatisfy(found -> assertThat(found.item().expiresAt()).isNull());
  }

  @Test
  default void refreshUsesTheItemsOwnTtlNotTheStoreDefault() {
    Store store = store(b -> b.defaultTtl(Duration.ofHours(1)));
    store.put(SESSIONS, "k", object("a", 1), withTtl(Duration.ofMinutes(5)));
    clock().advance(Duration.ofMinutes(1));
    assertThat(store.get(SESSIONS, "k").orElseThrow().expiresAt())
        .isEqualTo(now().plus(Duration.ofMinutes(5)));
  }

  @Test
  default void everyPutResolvesItsTtlAfresh() {
    store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(5));
    assertThat(store().put(SESSIONS, "k", object("a", 2), withTtl(TEN_MINUTES)).expiresAt())
        .isEqualTo(now().plus(TEN_MINUTES));
    assertThat(store().put(SESSIONS, "k", object("a", 3)).expiresAt()).isNull();
    clock().advance(Duration.ofDays(1));
    assertThat(store().get(SESSIONS, "k", false)).isPresent();
  }

  @Test
  default void putOverAnExpiredItemCreatesItAfresh() {
    store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    store().put(SESSIONS, "k", object("a", 2), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofHours(1));

    Item fresh = store().put(SESSIONS, "k", object("a", 3));
    assertThat(fresh.version()).isEqualTo(1);
    assertThat(fresh.createdAt()).isEqualTo(now());
    assertThat(fresh.expiresAt()).isNull();
  }

  @Test
  default void deletingAnExpiredItemReportsNothingRemoved() {
    store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(TEN_MINUTES);
    assertThat(store().delete(SESSIONS, "k")).isFalse();
  }

  @Test
  default void searchRefreshesTheItemsItReturnsWhenAsked() {
    Store store = store(b -> b.refreshOnRead(false));
    store.put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));

    List<SearchItem> found = store.search(SearchRequest.builder().refreshTtl(true).build());
    assertThat(found.get(0).item().expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(store.get(SESSIONS, "k", false).orElseThrow().expiresAt())
        .isEqualTo(now().plus(TEN_MINUTES));
  }

  @Test
  default void searchFollowsTheStoresRefreshPolicyWhenTheRequestDoesNotSay() {
    store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));
    store().search(SearchRequest.under(SESSIONS));
    assertThat(stored(SESSIONS, "k").expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
  }

  @Test
  default void searchDoesNotRefreshWhenThePolicyIsOff() {
    Store store = store(b -> b.refreshOnRead(false));
    Item put = store.put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));
    List<SearchItem> found = store.search(SearchRequest.under(SESSIONS));
    assertThat(found.get(0).item().expiresAt()).isEqualTo(put.expiresAt());
    assertThat(store.get(SESSIONS, "k", false).orElseThrow().expiresAt())
        .isEqualTo(put.expiresAt());
  }

  @Test
  default void searchRequestCanTurnRefreshOff() {
    Item put = store().put(SESSIONS, "k", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));
    store().search(SearchRequest.builder().refreshTtl(false).build());
    assertThat(stored(SESSIONS, "k").expiresAt()).isEqualTo(put.expiresAt());
  }

  @Test
  default void searchRefreshesOnlyTheReturnedPage() {
    Item older = store().put(SESSIONS, "older", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofSeconds(1));
    store().put(SESSIONS, "newer", object("a", 1), withTtl(TEN_MINUTES));
    clock().advance(Duration.ofMinutes(6));

    List<SearchItem> page =
        store().search(SearchRequest.builder().limit(1).refreshTtl(true).build());
    assertThat(keys(page)).containsExactly("newer");
    assertThat(stored(SESSIONS, "newer").expiresAt()).isEqualTo(now().plus(TEN_MINUTES));
    assertThat(stored(SESSIONS, "older").expiresAt()).isEqualTo(older.expiresAt());
  }
}
