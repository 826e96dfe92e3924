package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.PutOptions;
import dev.engram.SearchRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Filter meaning: JSON equality, $ne/$in/$nin/$exists, conjunction and dotted paths. */
public interface FilterContract extends FilterFixture {

  /** One document per JSON type, each holding its sample under "v", plus one without "v". */
  private void docsOfEveryType() {
    doc("number", object("v", 1));
    doc("string", object("v", "1"));
    doc("true", object("v", true));
    doc("false", object("v", false));
    doc("null", object("v", null));
    doc("array", object("v", array(1)));
    doc("object", object("v", object("a", 1)));
    doc("missing", object("other", 1));
  }

  @Test
  default void emptyOrNullFilterMatchesEverything() {
    docsOfEveryType();
    assertThat(matching(object())).hasSize(8);
    assertThat(matching(null)).hasSize(8);
  }

  @Test
  default void bareValueAndEqOperatorMeanEquality() {
    doc("en", object("lang", "en"));
    doc("de", object("lang", "de"));
    doc("EN", object("lang", "EN"));
    assertThat(matching(object("lang", "en"))).containsExactly("en");
    assertThat(matching(object("lang", object("$eq", "en")))).containsExactly("en");
  }

  @Test
  default void numbersAreEqualWhateverTheirRepresentation() {
    doc("int", object("n", 1));
    doc("decimal", object("n", new BigDecimal("1.0")));
    doc("padded", object("n", new BigDecimal("1.00")));
    doc("two", object("n", 2));
    for (Object one : new Object[] {1, 1L, 1.0, new BigDecimal("1.000"), BigInteger.ONE}) {
      assertThat(matching(object("n", one)))
          .as("n == %s", one)
          .containsExactlyInAnyOrder("int", "decimal", "padded");
    }
  }

  @Test
  default void hugeNumbersAreEqualExactly() {
    BigInteger twoTo70 = BigInteger.TWO.pow(70);
    doc("huge", object("n", twoTo70));
    doc("hugePlusOne", object("n", twoTo70.add(BigInteger.ONE)));
    doc("long", object("n", 9007199254740993L));
    assertThat(matching(object("n", new BigDecimal(twoTo70).setScale(1)))).containsExactly("huge");
    assertThat(matching(object("n", 9007199254740992L))).isEmpty();
    assertThat(matching(object("n", 9007199254740993L))).containsExactly("long");
  }

  @Test
  default void equalityNeverCrossesJsonTypes() {
    docsOfEveryType();
    doc("zero", object("v", 0));
    doc("trueText", object("v", "true"));
    assertThat(matching(object("v", 1))).containsExactly("number");
    assertThat(matching(object("v", "1"))).containsExactly("string");
    assertThat(matching(object("v", true))).containsExactly("true");
    assertThat(matching(object("v", false))).containsExactly("false");
    assertThat(matching(object("v", 0))).containsExactly("zero");
    assertThat(matching(object("v", "true"))).containsExactly("trueText");
  }

  @Test
  default void nullEqualsOnlyAPresentNull() {
    docsOfEveryType();
    assertThat(matching(object("v", null))).containsExactly("null");
    assertThat(matching(object("v", object("$eq", null)))).containsExactly("null");
  }

  @Test
  default void objectWithoutOperatorsIsComparedAsAWholeObjectIgnoringKeyOrder() {
    doc("match", object("v", object("a", 1, "b", object("c", "x", "d", array(1, 2)))));
    doc("extraKey", object("v", object("a", 1, "b", object("c", "x", "d", array(1, 2)), "e", 0)));
    doc("otherValue", object("v", object("a", 2, "b", object("c", "x", "d", array(1, 2)))));
    Object reordered = object("b", object("d", array(1.0, 2), "c", "x"), "a", 1.0);
    assertThat(matching(object("v", reordered))).containsExactly("match");
    assertThat(matching(object("v", object("$eq", reordered)))).containsExactly("match");
    assertThat(matching(object("v", object("a", 1)))).isEmpty();
  }

  @Test
  default void arraysAreEqualElementByElementWithoutContainsSemantics() {
    doc("ab", object("tags", array("a", "b")));
    doc("ba", object("tags", array("b", "a")));
    doc("abc", object("tags", array("a", "b", "c")));
    doc("a", object("tags", "a"));
    assertThat(matching(object("tags", array("a", "b")))).containsExactly("ab");
    assertThat(matching(object("tags", "a"))).containsExactly("a");
    assertThat(matching(object("tags", array()))).isEmpty();
    assertThat(matching(object("tags", object("$in", array(array("b", "a"), "x")))))
        .containsExactly("ba");
  }

  @Test
  default void neMatchesEveryOtherValueOtherTypesAndMissingFields() {
    docsOfEveryType();
    doc("decimalOne", object("v", new BigDecimal("1.0")));
    assertThat(matching(object("v", object("$ne", 1))))
        .containsExactlyInAnyOrder("string", "true", "false", "null", "array", "object", "missing");
    assertThat(matching(object("v", object("$ne", null))))
        .containsExactlyInAnyOrder(
            "number", "decimalOne", "string", "true", "false", "array", "object", "missing");
  }

  @Test
  default void inMatchesAnyEqualElement() {
    docsOfEveryType();
    doc("decimalOne", object("v", new BigDecimal("1.00")));
    assertThat(matching(object("v", object("$in", array(1, true, null)))))
        .containsExactlyInAnyOrder("number", "decimalOne", "true", "null");
    assertThat(matching(object("v", object("$in", array(object("a", 1.0), array(1))))))
        .containsExactlyInAnyOrder("object", "array");
    assertThat(matching(object("v", object("$in", array())))).isEmpty();
  }

  @Test
  default void ninMatchesExactlyWhatInDoesNotIncludingMissingFields() {
    docsOfEveryType();
    assertThat(matching(object("v", object("$nin", array(1, "1", null)))))
        .containsExactlyInAnyOrder("true", "false", "array", "object", "missing");
    assertThat(matching(object("v", object("$nin", array())))).hasSize(8);
  }

  @Test
  default void existsTellsPresentFieldsEvenNullFromMissingOnes() {
    docsOfEveryType();
    assertThat(matching(object("v", object("$exists", true))))
        .hasSize(7)
        .contains("null")
        .doesNotContain("missing");
    assertThat(matching(object("v", object("$exists", false)))).containsExactly("missing");
  }

  @Test
  default void severalFieldsAreAllRequired() {
    doc("enAdmin", object("lang", "en", "role", "admin"));
    doc("enUser", object("lang", "en", "role", "user"));
    doc("deAdmin", object("lang", "de", "role", "admin"));
    assertThat(matching(object("lang", "en", "role", "admin"))).containsExactly("enAdmin");
    assertThat(matching(object("lang", "en", "role", object("$ne", "admin"))))
        .containsExactly("enUser");
  }

  @Test
  default void severalOperatorsOnOneFieldAreAllRequired() {
    for (int n = 0; n <= 6; n++) {
      doc("n" + n, object("n", n));
    }
    assertThat(matching(object("n", object("$gte", 2, "$lt", 5, "$ne", 3))))
        .containsExactlyInAnyOrder("n2", "n4");
    assertThat(matching(object("n", object("$exists", true, "$nin", array(0, 6), "$lte", 1))))
        .containsExactly("n1");
  }

  @Test
  default void dottedKeyIsAPathIntoNestedObjects() {
    doc("en", object("profile", object("lang", "en", "address", object("city", "Oslo"))));
    doc("de", object("profile", object("lang", "de", "address", object("city", "Bonn"))));
    assertThat(matching(object("profile.lang", "en"))).containsExactly("en");
    assertThat(matching(object("profile.address.city", object("$in", array("Bonn")))))
        .containsExactly("de");
    assertThat(matching(object("profile.address", object("city", "Oslo")))).containsExactly("en");
  }

  @Test
  default void pathThroughAMissingOrNonObjectStepIsAMissingField() {
    doc("nested", object("profile", object("lang", "en")));
    doc("noProfile", object("other", 1));
    doc("textProfile", object("profile", "en"));
    doc("arrayProfile", object("profile", array(object("lang", "en"))));
    doc("nullProfile", object("profile", null));
    assertThat(matching(object("profile.lang", object("$exists", false))))
        .containsExactlyInAnyOrder("noProfile", "textProfile", "arrayProfile", "nullProfile");
    assertThat(matching(object("profile.lang", object("$ne", "en"))))
        .containsExactlyInAnyOrder("noProfile", "textProfile", "arrayProfile", "nullProfile");
    assertThat(matching(object("profile.lang", null))).isEmpty();
    assertThat(matching(object("profile.0.lang", "en"))).isEmpty();
  }

  @Test
  default void unicodeFieldNamesAndValuesMatch() {
    doc("clef", object("名前", object("𝄞", "😀 ok")));
    doc("other", object("名前", object("𝄞", "😀")));
    assertThat(matching(object("名前.𝄞", "😀 ok"))).containsExactly("clef");
  }

  @Test
  default void filterCombinesWithPrefixOrderAndPaging() {
    for (int i = 0; i < 10; i++) {
      store().put(ns("filtered", "a"), "a" + i, object("even", i % 2 == 0, "i", i));
      store().put(ns("other"), "o" + i, object("even", true, "i", i));
      clock().advance(Duration.ofSeconds(1));
    }
    SearchRequest.Builder request =
        SearchRequest.builder().namespacePrefix(ns("filtered")).filter(object("even", true));
    assertThat(keys(store().search(request.limit(2).offset(0).build())))
        .containsExactly("a8", "a6");
    assertThat(keys(store().search(request.limit(2).offset(2).build())))
        .containsExactly("a4", "a2");
    assertThat(keys(store().search(request.limit(2).offset(4).build()))).containsExactly("a0");
  }

  @Test
  default void filterNeverMatchesExpiredItems() {
    PutOptions oneSecond = withTtl(Duration.ofSeconds(1));
    store().put(FILTERED, "expired", object("v", 1), oneSecond);
    doc("live", object("v", 1));
    clock().advance(Duration.ofSeconds(2));
    assertThat(matching(object("v", 1))).containsExactly("live");
    assertThat(matching(object("v", object("$ne", 2)))).containsExactly("live");
  }
}
