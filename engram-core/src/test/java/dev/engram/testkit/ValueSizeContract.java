package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.ValueTooLargeException;
import dev.engram.core.StoreBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The value size limit, measured in UTF-8 bytes of the value's compact JSON. A value {"s":"..."}
 * with an n-byte ASCII string is n + 8 bytes.
 */
public interface ValueSizeContract extends StoreFixture {

  Namespace BLOBS = ns("blobs");
  int DEFAULT_LIMIT = StoreBuilder.DEFAULT_MAX_VALUE_BYTES;
  int WRAPPER_BYTES = "{\"s\":\"\"}".length();

  private static Map<String, Object> valueOfBytes(int jsonBytes) {
    return object("s", repeat('x', jsonBytes - WRAPPER_BYTES));
  }

  @Test
  default void valueOfExactlyTheDefaultLimitIsStoredIntact() {
    Map<String, Object> value = valueOfBytes(DEFAULT_LIMIT);
    store().put(BLOBS, "big", value);
    assertThat(stored(BLOBS, "big").value()).isEqualTo(value);
  }

  @Test
  default void valueOneByteOverTheDefaultLimitIsRefused() {
    ValueTooLargeException tooLarge =
        assertThrows(
            ValueTooLargeException.class,
            () -> store().put(BLOBS, "big", valueOfBytes(DEFAULT_LIMIT + 1)));
    assertThat(tooLarge).isInstanceOf(InvalidInputException.class);
    assertThat(tooLarge.sizeBytes()).isEqualTo(DEFAULT_LIMIT + 1);
    assertThat(tooLarge.limitBytes()).isEqualTo(DEFAULT_LIMIT);
    assertThat(store().get(BLOBS, "big")).isEmpty();
  }

  @Test
  default void limitIsConfigurableAndInclusive() {
    Store store = store(b -> b.maxValueBytes(64));
    store.put(BLOBS, "fits", valueOfBytes(64));
    ValueTooLargeException tooLarge =
        assertThrows(
            ValueTooLargeException.class, () -> store.put(BLOBS, "over", valueOfBytes(65)));
    assertThat(tooLarge.sizeBytes()).isEqualTo(65);
    assertThat(tooLarge.limitBytes()).isEqualTo(64);
    assertThat(store.get(BLOBS, "fits")).isPresent();
    assertThat(store.get(BLOBS, "over")).isEmpty();
  }

  @Test
  default void sizeCountsUtf8BytesNotCharacters() {
    Store store = store(b -> b.maxValueBytes(64));
    // 28 two-byte characters make 56 bytes of string and 64 of JSON; 29 make 66.
    store.put(BLOBS, "fits", object("s", repeat('é', 28)));
    assertThrows(
        ValueTooLargeException.class, () -> store.put(BLOBS, "over", object("s", repeat('é', 29))));
    assertThat(store.get(BLOBS, "over")).isEmpty();
  }

  @Test
  default void tooLargeReplacementLeavesTheExistingValueUnchanged() {
    Store store = store(b -> b.maxValueBytes(100));
    store.put(BLOBS, "k", object("s", "small"));
    assertThrows(
        ValueTooLargeException.class, () -> store.put(BLOBS, "k", valueOfBytes(101)));
    assertThat(store.get(BLOBS, "k", false).orElseThrow().value()).isEqualTo(Map.of("s", "small"));
    assertThat(store.get(BLOBS, "k", false).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  default void manyLargeValuesCoexist() {
    Map<String, Object> value = valueOfBytes(256 * 1024);
    for (int i = 0; i < 8; i++) {
      store().put(BLOBS, "big-" + i, value);
    }
    assertThat(searchAll(BLOBS)).hasSize(8).allSatisfy(found -> assertThat(found.item().value())
        .isEqualTo(value));
  }
}
