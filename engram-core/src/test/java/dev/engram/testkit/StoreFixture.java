package dev.engram.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.core.StoreBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every contract of the conformance kit gets from {@link StoreConformanceKit}: stores on the
 * backend under test, all driven by one {@link MutableClock}, plus small shared helpers.
 *
 * <p>Each test uses either {@link #store()} or stores from {@link #store(UnaryOperator)}; both open
 * the same underlying storage, so a test should not mix them.
 */
public interface StoreFixture {

  /** The store of this test, opened on first use with the test clock and default settings. */
  Store store();

  /** A store opened with the test clock and the given extra settings. */
  Store store(UnaryOperator<StoreBuilder> customize);

  /** An unopened builder for this test's store, already given the test clock. */
  StoreBuilder builder();

  /** The URI this test's stores open (the backend's fresh store). */
  String storeUri();

  /** The clock every store of this test reads; it only moves when the test moves it. */
  MutableClock clock();

  /** Whether a failing batch leaves nothing of itself behind on this backend. */
  boolean batchesAreAllOrNothing();

  /** The current time as stores record it: truncated to whole microseconds. */
  default Instant now() {
    return clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Every item under {@code prefix}, in result order (one page of the maximum size). */
  default List<SearchItem> searchAll(Namespace prefix) {
    return store().search(SearchRequest.builder().namespacePrefix(prefix).limit(1000).build());
  }

  /** The keys of search results, in order. */
  default List<String> keys(List<SearchItem> results) {
    return results.stream().map(SearchItem::key).toList();
  }

  /** The item as stored, read without refreshing its TTL; fails when it is absent. */
  default Item stored(Namespace namespace, String key) {
    return store()
        .get(namespace, key, false)
        .orElseThrow(() -> new AssertionError("no item " + namespace + "/" + key));
  }

  /** Asserts that {@code call} throws {@link InvalidInputException} (or a subclass). */
  default AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOf(InvalidInputException.class);
  }
}
