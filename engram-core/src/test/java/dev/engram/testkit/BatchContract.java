package dev.engram.testkit;

import static dev.engram.testkit.TestData.ifVersion;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.repeat;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.StoreOp;
import dev.engram.UnsupportedFeatureException;
import dev.engram.VersionConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** batch(): ordered results, ordered effects, validation up front, and failure behaviour. */
public interface BatchContract extends StoreFixture {

  Namespace NOTES = ns("notes");

  @Test
  default void emptyBatchGivesAnEmptyList() {
    assertThat(store().batch(List.of())).isEmpty();
  }

  @Test
  default void resultsComeInInputOrderWithOneTypePerOperation() {
    store().put(NOTES, "existing", object("n", 0));
    List<Object> results =
        store()
            .batch(
                List.of(
                    StoreOp.put(NOTES, "new", object("n", 1)),
                    StoreOp.get(NOTES, "existing"),
                    StoreOp.get(NOTES, "absent"),
                    StoreOp.delete(NOTES, "existing"),
                    StoreOp.delete(NOTES, "absent"),
                    StoreOp.search(SearchRequest.under(NOTES)),
                    StoreOp.listNamespaces(NamespaceQuery.all()),
                    StoreOp.put(NOTES, "new", null)));

    assertThat(results).hasSize(8);
    assertThat(results.get(0)).isInstanceOfSatisfying(Item.class, item -> {
      assertThat(item.key()).isEqualTo("new");
      assertThat(item.version()).isEqualTo(1);
    });
    assertThat(results.get(1)).isInstanceOfSatisfying(Item.class,
        item -> assertThat(item.value()).isEqualTo(Map.of("n", 0)));
    assertThat(results.get(2)).isNull();
    assertThat(results.get(3)).isEqualTo(Boolean.TRUE);
    assertThat(results.get(4)).isEqualTo(Boolean.FALSE);
    assertThat(keys(searchResults(results.get(5)))).containsExactly("new");
    assertThat(results.get(6)).isEqualTo(List.of(NOTES));
    assertThat(results.get(7)).isNull();
    assertThat(store().get(NOTES, "new")).isEmpty();
  }

  @Test
  default void laterOperationsSeeEarlierOnes() {
    List<Object> results =
        store()
            .batch(
                List.of(
                    StoreOp.put(NOTES, "a", object("n", 1)),
                    StoreOp.put(NOTES, "a", object("n", 2)),
                    StoreOp.get(NOTES, "a"),
                    StoreOp.put(ns("other"), "b", object("n", 3)),
                    StoreOp.search(SearchRequest.under(Namespace.root())),
                    StoreOp.delete(NOTES, "a"),
                    StoreOp.get(NOTES, "a"),
                    StoreOp.listNamespaces(NamespaceQuery.all())));

    assertThat(((Item) results.get(2)).version()).isEqualTo(2);
    assertThat(((Item) results.get(2)).value()).isEqualTo(Map.of("n", 2));
    assertThat(keys(searchResults(results.get(4)))).containsExactlyInAnyOrder("a", "b");
    assertThat(results.get(6)).isNull();
    assertThat(results.get(7)).isEqualTo(List.of(ns("other")));
  }

  @SuppressWarnings("unchecked")
  private static List<SearchItem> searchResults(Object result) {
    return (List<SearchItem>) result;
  }

  @Test
  default void batchPutsHonourTheirOptions() {
    Item first = store().put(NOTES, "a", object("n", 1));
    List<Object> results =
        store()
            .batch(
                List.of(
                    StoreOp.put(NOTES, "a", object("n", 2), ifVersion(1)),
                    StoreOp.put(NOTES, "b", object("n", 3),
                        withTtl(Duration.ofMinutes(5)))));
    assertThat(((Item) results.get(0)).version()).isEqualTo(2);
    assertThat(((Item) results.get(0)).createdAt()).isEqualTo(first.createdAt());
    assertThat(((Item) results.get(1)).expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(5)));
  }

  @Test
  default void batchGetRefreshesTtlOnlyAsAsked() {
    store().put(NOTES, "a", object(), withTtl(Duration.ofMinutes(10)));
    Item put = store().put(NOTES, "b", object(), withTtl(Duration.ofMinutes(10)));
    clock().advance(Duration.ofMinutes(6));
    store().batch(List.of(new StoreOp.Get(NOTES, "a", true), new StoreOp.Get(NOTES, "b", false)));
    assertThat(stored(NOTES, "a").expiresAt()).isEqualTo(now().plus(Duration.ofMinutes(10)));
    assertThat(stored(NOTES, "b").expiresAt()).isEqualTo(put.expiresAt());
  }

  /** Operations that fail validation; each is put last in a batch that would otherwise apply. */
  enum InvalidOp {
    EMPTY_KEY(() -> StoreOp.put(ns("notes"), "", object("n", 1))),
    NULL_NAMESPACE(() -> StoreOp.get(null, "k")),
    RESERVED_NAMESPACE(() -> StoreOp.put(ns("langgraph"), "k", object("n", 1))),
    ROOT_NAMESPACE(() -> StoreOp.put(Namespace.root(), "k", object("n", 1))),
    NON_JSON_VALUE(() -> StoreOp.put(ns("notes"), "k", object("n", new Object()))),
    TOO_LARGE_VALUE(() -> StoreOp.put(ns("notes"), "k", object("s", repeat('x', 2_000_000)))),
    BAD_FILTER(() -> StoreOp.search(
        SearchRequest.builder().filter(object("n", object("$regex", "x"))).build())),
    KEY_WITH_NUL(() -> StoreOp.delete(ns("notes"), "a\0b"));

    final Supplier<StoreOp> op;

    InvalidOp(Supplier<StoreOp> op) {
      this.op = op;
    }
  }

  @ParameterizedTest
  @EnumSource(InvalidOp.class)
  default void invalidOperationRejectsTheWholeBatchBeforeAnythingRuns(InvalidOp invalid) {
    Item existing = store().put(NOTES, "existing", object("n", 0));
    List<StoreOp> ops =
        List.of(
            StoreOp.put(NOTES, "new", object("n", 1)),
            StoreOp.put(NOTES, "existing", object("n", 2)),
            StoreOp.delete(NOTES, "existing"),
            invalid.op.get());

    assertInvalid(() -> store().batch(ops));
    assertThat(store().get(NOTES, "new")).isEmpty();
    assertThat(stored(NOTES, "existing")).isEqualTo(existing);
  }

  @Test
  default void nullOperationsAreRejected() {
    assertInvalid(() -> store().batch(null));
    assertInvalid(() -> store().batch(Arrays.asList(StoreOp.put(NOTES, "a", object()), null)));
    assertThat(store().get(NOTES, "a")).isEmpty();
  }

  @Test
  default void versionConflictStopsTheBatchAndUndoesItWhereBatchesAreAllOrNothing() {
    Item existing = store().put(NOTES, "existing", object("n", 0));
    List<StoreOp> ops =
        List.of(
            StoreOp.put(NOTES, "before", object("n", 1)),
            StoreOp.put(NOTES, "existing", object("n", 2)),
            StoreOp.put(NOTES, "existing", object("n", 3), ifVersion(1)),
            StoreOp.put(NOTES, "after", object("n", 4)));

    assertThatThrownBy(() -> store().batch(ops)).isInstanceOf(VersionConflictException.class);

    assertThat(store().get(NOTES, "after")).isEmpty();
    if (batchesAreAllOrNothing()) {
      assertThat(store().get(NOTES, "before")).isEmpty();
      assertThat(stored(NOTES, "existing")).isEqualTo(existing);
    } else {
      assertThat(store().get(NOTES, "before")).isPresent();
      assertThat(stored(NOTES, "existing").value()).isEqualTo(Map.of("n", 2));
    }
  }

  @Test
  default void largeBatchAppliesEveryOperation() {
    List<StoreOp> ops = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ops.add(StoreOp.put(NOTES, "k" + i, object("i", i)));
    }
    ops.add(StoreOp.search(SearchRequest.builder().namespacePrefix(NOTES).limit(1000).build()));
    List<Object> results = store().batch(ops);
    assertThat(results).hasSize(501);
    assertThat(searchResults(results.get(500))).hasSize(500);
    assertThat(searchAll(NOTES)).hasSize(500);
  }

  @Test
  default void batchSearchWithAQueryIsUnsupportedAndChangesNothing() {
    List<StoreOp> ops =
        List.of(
            StoreOp.put(NOTES, "a", object()),
            StoreOp.search(SearchRequest.builder().query("coffee").build()));
    assertThatThrownBy(() -> store().batch(ops))
        .isInstanceOf(UnsupportedFeatureException.class);
    assertThat(store().get(NOTES, "a")).isEmpty();
  }

  @Test
  default void putOptionsAreRequired() {
    assertInvalid(() -> new StoreOp.Put(NOTES, "k", object(), null));
  }
}
