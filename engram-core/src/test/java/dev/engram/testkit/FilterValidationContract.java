package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.SearchRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Malformed filters are an InvalidInputException that names what is wrong, never "no match". */
public interface FilterValidationContract extends FilterFixture {

  /** A filter no store accepts, and a fragment its error message must contain. */
  enum BadFilter {
    UNKNOWN_OPERATOR(object("age", object("$regex", "^a")), "$regex"),
    OPERATOR_IN_WRONG_CASE(object("age", object("$GT", 1)), "$GT"),
    NESTED_UNKNOWN_OPERATOR(object("age", object("$not", object("$gt", 1))), "$not"),
    TOP_LEVEL_AND(object("$and", array(object("age", 1))), "$and"),
    TOP_LEVEL_OR(object("$or", array(object("age", 1))), "$or"),
    IN_WITHOUT_ARRAY(object("age", object("$in", 1)), "$in"),
    IN_WITH_NULL(object("age", object("$in", null)), "$in"),
    NIN_WITHOUT_ARRAY(object("age", object("$nin", "x")), "$nin"),
    EXISTS_WITH_NUMBER(object("age", object("$exists", 1)), "$exists"),
    EXISTS_WITH_TEXT(object("age", object("$exists", "true")), "$exists"),
    GT_WITH_BOOLEAN(object("age", object("$gt", true)), "$gt"),
    GTE_WITH_NULL(object("age", object("$gte", null)), "$gte"),
    LT_WITH_ARRAY(object("age", object("$lt", array(1))), "$lt"),
    LTE_WITH_OBJECT(object("age", object("$lte", object("a", 1))), "$lte"),
    OPERATORS_MIXED_WITH_FIELDS(object("age", object("$gt", 1, "plain", 2)), "age"),
    EMPTY_PATH_SEGMENT(object("a..b", 1), "a..b"),
    LEADING_DOT(object(".a", 1), ".a"),
    TRAILING_DOT(object("a.", 1), "a."),
    EMPTY_FIELD_NAME(object("", 1), null),
    NON_JSON_OPERAND(object("age", new Object()), "age"),
    NAN_OPERAND(object("age", object("$gt", Double.NaN)), "age"),
    UNPAIRED_SURROGATE(object("age", "\uD834"), null);

    final Map<String, Object> filter;
    final String messageFragment;

    BadFilter(Map<String, Object> filter, String messageFragment) {
      this.filter = filter;
      this.messageFragment = messageFragment;
    }
  }

  /** Checked up front: rejected on an empty store too, not only when a document is tested. */
  @ParameterizedTest
  @EnumSource(BadFilter.class)
  default void badFilterIsRejectedNamingTheProblem(BadFilter bad) {
    assertInvalid(() -> store().search(SearchRequest.builder().filter(bad.filter).build()));
    doc("k", object("age", 30, "a", object("b", 1)));
    var thrown = assertInvalid(() -> matching(bad.filter));
    if (bad.messageFragment != null) {
      thrown.hasMessageContaining(bad.messageFragment);
    }
  }

  @Test
  default void unknownOperatorErrorListsTheSupportedOperators() {
    assertInvalid(() -> matching(object("age", object("$like", "x"))))
        .hasMessageContaining("$eq")
        .hasMessageContaining("$exists");
  }

  @Test
  default void fieldNamesMayContainDollarSignsAfterTheFirstCharacter() {
    doc("price", object("price$", 5));
    assertThat(matching(object("price$", 5))).containsExactly("price");
  }
}
