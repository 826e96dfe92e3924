package dev.engram.testkit;

import static dev.engram.testkit.TestData.ifVersion;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.VersionConflictException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Optimistic concurrency: puts and deletes that apply only at an expected version. */
public interface ConditionalPutContract extends StoreFixture {

  Namespace COUNTERS = ns("app", "counters");

  private static void assertConflict(
      Executable call, long expectedVersion, @Nullable Long actualVersion) {
    VersionConflictException conflict =
        assertThrows(VersionConflictException.class, call);
    assertThat(conflict.expectedVersion()).isEqualTo(expectedVersion);
    assertThat(conflict.actualVersion()).isEqualTo(actualVersion);
  }

  @Test
  default void ifVersionZeroCreatesAnAbsentItem() {
    Item created = store().put(COUNTERS, "c", object("n", 0), ifVersion(0));
    assertThat(created.version()).isEqualTo(1);
    assertThat(stored(COUNTERS, "c").value()).isEqualTo(Map.of("n", 0));
  }

  @Test
  default void ifVersionZeroConflictsWithAnExistingItemAndWritesNothing() {
    Item original = store().put(COUNTERS, "c", object("n", 0));
    clock().advance(Duration.ofSeconds(1));

    assertConflict(() -> store().put(COUNTERS, "c", object("n", 99), ifVersion(0)), 0, 1L);
    assertThat(stored(COUNTERS, "c")).isEqualTo(original);
  }

  @Test
  default void matchingVersionApplies() {
    store().put(COUNTERS, "c", object("n", 0));
    store().put(COUNTERS, "c", object("n", 1));
    Item third = store().put(COUNTERS, "c", object("n", 2), ifVersion(2));
    assertThat(third.version()).isEqualTo(3);
    assertThat(stored(COUNTERS, "c").value()).isEqualTo(Map.of("n", 2));
  }

  @Test
  default void staleVersionConflictsAndWritesNothing() {
    store().put(COUNTERS, "c", object("n", 0));
    Item current = store().put(COUNTERS, "c", object("n", 1));
    clock().advance(Duration.ofSeconds(1));

    assertConflict(() -> store().put(COUNTERS, "c", object("n", 99), ifVersion(1)), 1, 2L);
    assertConflict(() -> store().put(COUNTERS, "c", object("n", 99), ifVersion(7)), 7, 2L);
    assertThat(stored(COUNTERS, "c")).isEqualTo(current);
  }

  @Test
  default void expectedVersionOfAnAbsentItemConflictsWithNoActualVersion() {
    assertConflict(() -> store().put(COUNTERS, "c", object("n", 1), ifVersion(1)), 1, null);
    assertThat(store().get(COUNTERS, "c")).isEmpty();
  }

  @Test
  default void expiredItemCountsAsAbsentForPreconditions() {
    store().put(COUNTERS, "c", object("n", 0), withTtl(Duration.ofMinutes(1)));
    clock().advance(Duration.ofMinutes(2));

    assertConflict(() -> store().put(COUNTERS, "c", object("n", 1), ifVersion(1)), 1, null);
    Item recreated = store().put(COUNTERS, "c", object("n", 2), ifVersion(0));
    assertThat(recreated.version()).isEqualTo(1);
    assertThat(recreated.createdAt()).isEqualTo(now());
  }

  @Test
  default void nullValueWithMatchingVersionIsAConditionalDelete() {
    store().put(COUNTERS, "c", object("n", 0));
    assertThat(store().put(COUNTERS, "c", null, ifVersion(1))).isNull();
    assertThat(store().get(COUNTERS, "c")).isEmpty();
  }

  @Test
  default void conditionalDeleteWithStaleVersionConflictsAndKeepsTheItem() {
    store().put(COUNTERS, "c", object("n", 0));
    Item current = store().put(COUNTERS, "c", object("n", 1));

    assertConflict(() -> store().put(COUNTERS, "c", null, ifVersion(1)), 1, 2L);
    assertConflict(() -> store().put(COUNTERS, "c", null, ifVersion(0)), 0, 2L);
    assertThat(stored(COUNTERS, "c")).isEqualTo(current);
  }

  @Test
  default void conditionalDeleteOfAnAbsentItemConflicts() {
    assertConflict(() -> store().put(COUNTERS, "c", null, ifVersion(3)), 3, null);
  }

  @Test
  default void conflictMessageNamesTheItem() {
    store().put(COUNTERS, "c", object("n", 0));
    VersionConflictException conflict =
        assertThrows(
            VersionConflictException.class,
            () -> store().put(COUNTERS, "c", object("n", 1), ifVersion(5)));
    assertThat(conflict).hasMessageContaining("app.counters").hasMessageContaining("c");
  }

  @Test
  default void conditionalPutKeepsTheTtlRulesOfAPlainPut() {
    Item item =
        store()
            .put(
                COUNTERS,
                "c",
                object("n", 0),
                PutOptions.builder().ifVersion(0).ttl(Duration.ofHours(1)).build());
    assertThat(item.expiresAt()).isEqualTo(now().plus(Duration.ofHours(1)));
  }
}
