package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * $gt, $gte, $lt and $lte: numbers by value, strings by code point, and never across JSON types.
 */
public interface FilterOrderingContract extends FilterFixture {

  private void numbers(Object... values) {
    for (Object value : values) {
      doc(String.valueOf(value), object("n", value));
    }
  }

  @Test
  default void numbersCompareByValueNotAsText() {
    numbers(9, 10, new BigDecimal("10.5"), 2, -1, 0, new BigDecimal("-0.5"), 100);
    assertThat(matching(object("n", object("$gt", 9))))
        .containsExactlyInAnyOrder("10", "10.5", "100");
    assertThat(matching(object("n", object("$lt", 0)))).containsExactlyInAnyOrder("-1", "-0.5");
    assertThat(matching(object("n", object("$gt", 2, "$lt", 10.5))))
        .containsExactlyInAnyOrder("9", "10");
    assertThat(matching(object("n", object("$lte", new BigDecimal("-0.5")))))
        .containsExactlyInAnyOrder("-1", "-0.5");
  }

  @Test
  default void boundariesIncludeOrExcludeEqualValuesOfAnyRepresentation() {
    doc("int", object("n", 1));
    doc("decimal", object("n", new BigDecimal("1.0")));
    doc("slightlyMore", object("n", new BigDecimal("1.000000000000000000001")));
    assertThat(matching(object("n", object("$gt", 1.0)))).containsExactly("slightlyMore");
    assertThat(matching(object("n", object("$gte", 1)))).hasSize(3);
    assertThat(matching(object("n", object("$lt", new BigDecimal("1.00"))))).isEmpty();
    assertThat(matching(object("n", object("$lte", 1L))))
        .containsExactlyInAnyOrder("int", "decimal");
  }

  @Test
  default void largeIntegersCompareExactly() {
    BigInteger twoTo64 = BigInteger.TWO.pow(64);
    numbers(9007199254740992L, 9007199254740993L, Long.MAX_VALUE, twoTo64);
    assertThat(matching(object("n", object("$gt", 9007199254740992L))))
        .containsExactlyInAnyOrder(
            "9007199254740993", String.valueOf(Long.MAX_VALUE), twoTo64.toString());
    assertThat(matching(object("n", object("$gt", Long.MAX_VALUE))))
        .containsExactly(twoTo64.toString());
    assertThat(matching(object("n", object("$lt", new BigDecimal("9007199254740992.5")))))
        .containsExactly("9007199254740992");
  }

  @Test
  default void decimalsCompareWithoutBinaryRounding() {
    numbers(new BigDecimal("0.3"), new BigDecimal("0.30000000000000004"));
    assertThat(matching(object("n", object("$lte", 0.3)))).containsExactly("0.3");
    assertThat(matching(object("n", 0.3))).containsExactly("0.3");
  }

  @Test
  default void stringsCompareByCodePoint() {
    for (String s : List.of("", "B", "a", "aa", "z", "é", "\uFFFD", "𝄞")) {
      doc("s:" + s, object("s", s));
    }
    assertThat(matching(object("s", object("$lt", "a")))).containsExactlyInAnyOrder("s:", "s:B");
    assertThat(matching(object("s", object("$gt", "z"))))
        .containsExactlyInAnyOrder("s:é", "s:\uFFFD", "s:𝄞");
    assertThat(matching(object("s", object("$gt", "\uFFFD")))).containsExactly("s:𝄞");
    assertThat(matching(object("s", object("$gte", "a", "$lte", "aa"))))
        .containsExactlyInAnyOrder("s:a", "s:aa");
  }

  @Test
  default void numericStringsCompareAsStrings() {
    doc("nine", object("s", "9"));
    doc("ten", object("s", "10"));
    assertThat(matching(object("s", object("$gt", "9")))).isEmpty();
    assertThat(matching(object("s", object("$lt", "9")))).containsExactly("ten");
  }

  @Test
  default void orderingNeverMatchesAcrossTypes() {
    doc("number", object("v", 5));
    doc("numericString", object("v", "5"));
    doc("string", object("v", "abc"));
    doc("true", object("v", true));
    doc("null", object("v", null));
    doc("array", object("v", array(5)));
    doc("object", object("v", object("x", 5)));
    doc("missing", object("other", 5));
    assertThat(matching(object("v", object("$gt", 0)))).containsExactly("number");
    assertThat(matching(object("v", object("$lte", 1000)))).containsExactly("number");
    assertThat(matching(object("v", object("$gte", ""))))
        .containsExactlyInAnyOrder("numericString", "string");
    assertThat(matching(object("v", object("$lt", "zzz"))))
        .containsExactlyInAnyOrder("numericString", "string");
  }

  @Test
  default void orderingWorksOnNestedPaths() {
    doc("young", object("person", object("age", 17)));
    doc("adult", object("person", object("age", 30)));
    doc("unknown", object("person", object("name", "x")));
    assertThat(matching(object("person.age", object("$gte", 18)))).containsExactly("adult");
    assertThat(matching(object("person.age", object("$lt", 18)))).containsExactly("young");
  }
}
