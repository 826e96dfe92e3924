package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON values come back exactly, in canonical form, and non-JSON values are refused. */
public interface ValueContract extends StoreFixture {

  Namespace DOCS = ns("docs");

  /** Round-trips {@code value} under field "v" and returns what the store gives back. */
  private @Nullable Object roundTrip(@Nullable Object value) {
    store().put(DOCS, "k", object("v", value));
    return stored(DOCS, "k").value().get("v");
  }

  static Stream<Arguments> numbersAndTheirCanonicalForm() {
    BigInteger twoTo70 = BigInteger.TWO.pow(70);
    return Stream.of(
        Arguments.of(42, 42),
        Arguments.of(0, 0),
        Arguments.of(-7, -7),
        Arguments.of(Integer.MAX_VALUE, Integer.MAX_VALUE),
        Arguments.of(Integer.MIN_VALUE, Integer.MIN_VALUE),
        Arguments.of(42L, 42),
        Arguments.of((short) 12, 12),
        Arguments.of((byte) -3, -3),
        Arguments.of(BigInteger.valueOf(5), 5),
        Arguments.of(Integer.MAX_VALUE + 1L, Integer.MAX_VALUE + 1L),
        Arguments.of(9007199254740993L, 9007199254740993L),
        Arguments.of(Long.MAX_VALUE, Long.MAX_VALUE),
        Arguments.of(Long.MIN_VALUE, Long.MIN_VALUE),
        Arguments.of(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
            BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)),
        Arguments.of(twoTo70, twoTo70),
        Arguments.of(twoTo70.negate(), twoTo70.negate()),
        Arguments.of(1.5, new BigDecimal("1.5")),
        Arguments.of(0.1, new BigDecimal("0.1")),
        Arguments.of(-2.25, new BigDecimal("-2.25")),
        Arguments.of(3.0, new BigDecimal("3.0")),
        Arguments.of(2.5f, new BigDecimal("2.5")),
        Arguments.of(new BigDecimal("1.10"), new BigDecimal("1.10")),
        Arguments.of(new BigDecimal("0.000"), new BigDecimal("0.000")),
        Arguments.of(new BigDecimal("3.14159265358979323846264338327950288419716939937510"),
            new BigDecimal("3.14159265358979323846264338327950288419716939937510")),
        Arguments.of(new BigDecimal("-123456789012345678901234567890.5"),
            new BigDecimal("-123456789012345678901234567890.5")));
  }

  @ParameterizedTest
  @MethodSource("dev.engram.testkit.ValueContract#numbersAndTheirCanonicalForm")
  default void numbersComeBackExactlyInCanonicalForm(Object given, Object expected) {
    Object actual = roundTrip(given);
    assertThat(actual).isExactlyInstanceOf(expected.getClass()).isEqualTo(expected);
  }

  @Test
  default void scalarsRoundTrip() {
    Map<String, Object> value =
        object("s", "text", "empty", "", "t", true, "f", false, "nothing", null, "n", 1);
    store().put(DOCS, "k", value);
    Map<String, Object> back = stored(DOCS, "k").value();
    assertThat(back).isEqualTo(value);
    assertThat(back).containsKey("nothing");
  }

  @Test
  default void nestedObjectsAndArraysRoundTrip() {
    Map<String, Object> value =
        object(
            "profile", object("name", "Alice", "tags", array("a", "b"), "address", object()),
            "matrix", array(array(1, 2), array(), array(object("x", null))),
            "mixed", array(1, "two", 3.5, true, null, object("k", array())));
    store().put(DOCS, "k", value);
    Map<String, Object> expected =
        object(
            "profile", object("name", "Alice", "tags", array("a", "b"), "address", object()),
            "matrix", array(array(1, 2), array(), array(object("x", null))),
            "mixed", array(1, "two", new BigDecimal("3.5"), true, null, object("k", array())));
    assertThat(stored(DOCS, "k").value()).isEqualTo(expected);
  }

  @Test
  default void deeplyNestedValuesRoundTrip() {
    Map<String, Object> value = object("leaf", "bottom");
    for (int i = 0; i < 60; i++) {
      value = object("level" + i, value, "list", array(i));
    }
    store().put(DOCS, "k", value);
    assertThat(stored(DOCS, "k").value()).isEqualTo(value);
  }

  @Test
  default void keyOrderOfObjectsIsPreserved() {
    Map<String, Object> value = new LinkedHashMap<>();
    List<String> order = List.of("zeta", "alpha", "mu", "Beta", "10", "2", "é", "a");
    for (String key : order) {
      value.put(key, object("z", 1, "a", 2));
    }
    store().put(DOCS, "k", value);
    Map<String, Object> back = stored(DOCS, "k").value();
    assertThat(new ArrayList<>(back.keySet())).containsExactlyElementsOf(order);
    @SuppressWarnings("unchecked")
    Map<String, Object> inner = (Map<String, Object>) back.get("zeta");
    assertThat(new ArrayList<>(inner.keySet())).containsExactly("z", "a");
  }

  @Test
  default void anyCollectionIsStoredAsAnArray() {
    assertThat(roundTrip(new LinkedHashSet<>(List.of("b", "a", "c"))))
        .isEqualTo(List.of("b", "a", "c"));
    assertThat(roundTrip(List.of())).isEqualTo(List.of());
  }

  @Test
  default void unicodeStringsRoundTripExactly() {
    String text = "héllo 日本語 😀 𝄞 \u0301e Ω \u202Ertl \uFEFF \uFFFF end";
    Map<String, Object> value = object("text", text, "𝄞 key 😀", "astral key", "日本", array(text));
    store().put(DOCS, "k", value);
    assertThat(stored(DOCS, "k").value()).isEqualTo(value);
  }

  @Test
  default void controlCharactersAndNulInsideStringsSurvive() {
    String text = "a\0b\u0001\u001f\t\n\r\"\\/ \u007f\u2028\u2029";
    assertThat(roundTrip(text)).isEqualTo(text);
    assertThat(roundTrip("\0")).isEqualTo("\0");
  }

  @Test
  default void unpairedSurrogatesInValuesAreRejected() {
    assertInvalid(() -> store().put(DOCS, "k", object("v", "bad \uD834 text")));
    assertInvalid(() -> store().put(DOCS, "k", object("v", array("ok", "\uDD1E"))));
    assertInvalid(() -> store().put(DOCS, "k", object("bad \uD834 key", 1)));
    assertThat(store().get(DOCS, "k")).isEmpty();
  }

  static Stream<Arguments> valuesThatAreNotJson() {
    return Stream.of(
        Arguments.of(new Date(0), "when"),
        Arguments.of(new Object(), "when"),
        Arguments.of(UUID.randomUUID(), "when"),
        Arguments.of(Optional.of(1), "when"),
        Arguments.of('c', "when"));
  }

  @ParameterizedTest
  @MethodSource("dev.engram.testkit.ValueContract#valuesThatAreNotJson")
  default void nonJsonTypesAreRejectedNamingTheirPath(Object notJson, String fieldName) {
    Map<String, Object> value = object("meta", object(fieldName, notJson));
    assertInvalid(() -> store().put(DOCS, "k", value)).hasMessageContaining("meta." + fieldName);
    assertThat(store().get(DOCS, "k")).isEmpty();
  }

  @Test
  default void nonJsonTypeInsideAnArrayIsRejectedNamingTheIndex() {
    assertInvalid(() -> store().put(DOCS, "k", object("items", array(1, 2, new Object()))))
        .hasMessageContaining("items[2]");
  }

  @Test
  default void nanAndInfinitiesAreRejected() {
    for (Object notFinite :
        List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN,
            Float.POSITIVE_INFINITY)) {
      assertThatThrownBy(() -> store().put(DOCS, "k", object("v", notFinite)))
          .as("value %s", notFinite)
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(store().get(DOCS, "k")).isEmpty();
  }

  @Test
  default void nonStringObjectKeysAreRejected() {
    Map<Object, Object> numberKeyed = new LinkedHashMap<>();
    numberKeyed.put(1, "one");
    Map<Object, Object> nullKeyed = new LinkedHashMap<>();
    nullKeyed.put(null, "none");
    assertInvalid(() -> store().put(DOCS, "k", object("nested", numberKeyed)));
    assertInvalid(() -> store().put(DOCS, "k", object("nested", nullKeyed)));
    assertThat(store().get(DOCS, "k")).isEmpty();
  }

  @Test
  default void rejectedValueLeavesTheExistingItemUnchanged() {
    store().put(DOCS, "k", object("v", 1));
    assertInvalid(() -> store().put(DOCS, "k", object("v", new Object())));
    assertThat(stored(DOCS, "k").value()).isEqualTo(Map.of("v", 1));
    assertThat(stored(DOCS, "k").version()).isEqualTo(1);
  }
}
