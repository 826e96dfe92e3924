package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Item;
import dev.engram.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Get, put and delete of single items: versions, timestamps and isolation. */
public interface CrudContract extends StoreFixture {

  Namespace PREFS = ns("users", "alice", "prefs");

  @Test
  default void getOfAbsentItemIsEmpty() {
    assertThat(store().get(PREFS, "missing")).isEmpty();
    assertThat(store().get(PREFS, "missing", true)).isEmpty();
    assertThat(store().get(PREFS, "missing", false)).isEmpty();
  }

  @Test
  default void firstPutCreatesVersionOneStampedNow() {
    Item item = store().put(PREFS, "lang", object("lang", "en"));

    assertThat(item.namespace()).isEqualTo(PREFS);
    assertThat(item.key()).isEqualTo("lang");
    assertThat(item.value()).isEqualTo(Map.of("lang", "en"));
    assertThat(item.version()).isEqualTo(1);
    assertThat(item.createdAt()).isEqualTo(now());
    assertThat(item.updatedAt()).isEqualTo(now());
    assertThat(item.expiresAt()).isNull();
  }

  @Test
  default void getReturnsExactlyWhatPutReturned() {
    Item put = store().put(PREFS, "lang", object("lang", "en", "n", 3));
    assertThat(store().get(PREFS, "lang")).contains(put);
  }

  @Test
  default void timestampsAreTruncatedToWholeMicroseconds() {
    clock().set(Instant.parse("2031-01-01T00:00:00.999999999Z"));
    Item item = store().put(PREFS, "k", object("a", 1));

    Instant expected = Instant.parse("2031-01-01T00:00:00.999999Z");
    assertThat(item.createdAt()).isEqualTo(expected);
    assertThat(item.updatedAt()).isEqualTo(expected);
    assertThat(stored(PREFS, "k").createdAt()).isEqualTo(expected);
  }

  @Test
  default void eachPutIncrementsVersionKeepsCreatedAtAndMovesUpdatedAt() {
    Instant created = now();
    store().put(PREFS, "k", object("n", 1));
    clock().advance(Duration.ofSeconds(5));
    store().put(PREFS, "k", object("n", 2));
    clock().advance(Duration.ofMillis(1).plusNanos(1));
    Item third = store().put(PREFS, "k", object("n", 3));

    assertThat(third.version()).isEqualTo(3);
    assertThat(third.createdAt()).isEqualTo(created);
    assertThat(third.updatedAt()).isEqualTo(now()).isAfter(created);
    assertThat(stored(PREFS, "k")).isEqualTo(third);
  }

  @Test
  default void putOfAnIdenticalValueStillCountsAsAWrite() {
    store().put(PREFS, "k", object("n", 1));
    clock().advance(Duration.ofSeconds(1));
    Item again = store().put(PREFS, "k", object("n", 1));
    assertThat(again.version()).isEqualTo(2);
    assertThat(again.updatedAt()).isEqualTo(now());
  }

  @Test
  default void putReplacesTheWholeValueWithoutMerging() {
    store().put(PREFS, "k", object("a", 1, "b", object("c", 2)));
    store().put(PREFS, "k", object("b", object("d", 3)));
    assertThat(stored(PREFS, "k").value()).isEqualTo(Map.of("b", Map.of("d", 3)));
  }

  @Test
  default void emptyObjectIsAValidValue() {
    store().put(PREFS, "k", object());
    assertThat(stored(PREFS, "k").value()).isEmpty();
  }

  @Test
  default void putOfNullValueDeletesAndReturnsNull() {
    store().put(PREFS, "k", object("a", 1));
    assertThat(store().put(PREFS, "k", null)).isNull();
    assertThat(store().get(PREFS, "k")).isEmpty();
    assertThat(store().put(PREFS, "never-existed", null)).isNull();
  }

  @Test
  default void deleteReportsWhetherAVisibleItemWasRemovedAndIsIdempotent() {
    store().put(PREFS, "k", object("a", 1));
    assertThat(store().delete(PREFS, "k")).isTrue();
    assertThat(store().get(PREFS, "k")).isEmpty();
    assertThat(store().delete(PREFS, "k")).isFalse();
    assertThat(store().delete(PREFS, "never-existed")).isFalse();
  }

  @Test
  default void putAfterDeleteStartsAgainAtVersionOne() {
    store().put(PREFS, "k", object("a", 1));
    store().put(PREFS, "k", object("a", 2));
    store().delete(PREFS, "k");
    clock().advance(Duration.ofMinutes(1));
    Item recreated = store().put(PREFS, "k", object("a", 3));
    assertThat(recreated.version()).isEqualTo(1);
    assertThat(recreated.createdAt()).isEqualTo(now());
  }

  @Test
  default void deleteRemovesOnlyItsOwnItem() {
    store().put(PREFS, "a", object("n", 1));
    store().put(PREFS, "b", object("n", 2));
    store().put(ns("users", "bob", "prefs"), "a", object("n", 3));
    store().delete(PREFS, "a");
    assertThat(keys(searchAll(Namespace.root()))).containsExactlyInAnyOrder("b", "a");
    assertThat(store().get(ns("users", "bob", "prefs"), "a")).isPresent();
  }

  @Test
  default void returnedValuesAreUnmodifiableAtEveryDepth() {
    Item put = store().put(PREFS, "k", object("list", array(1, 2), "obj", object("x", 1)));
    for (Item item : List.of(put, stored(PREFS, "k"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) item.value().get("obj");
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) item.value().get("list");
      assertThatThrownBy(() -> item.value().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> nested.put("y", 2))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  default void changingTheCallersMapAfterPutDoesNotChangeTheStoredValue() {
    Map<String, Object> value = object("a", 1, "nested", array("x"));
    store().put(PREFS, "k", value);
    value.put("a", 2);
    @SuppressWarnings("unchecked")
    List<Object> nested = (List<Object>) value.get("nested");
    nested.add("y");
    assertThat(stored(PREFS, "k").value()).isEqualTo(Map.of("a", 1, "nested", List.of("x")));
  }

  @Test
  default void itemsSurviveManyKeysInOneNamespace() {
    for (int i = 0; i < 300; i++) {
      store().put(PREFS, "key-" + i, object("i", i));
    }
    assertThat(stored(PREFS, "key-0").value()).containsEntry("i", 0);
    assertThat(stored(PREFS, "key-299").value()).containsEntry("i", 299);
    assertThat(searchAll(PREFS)).hasSize(300);
  }
}
