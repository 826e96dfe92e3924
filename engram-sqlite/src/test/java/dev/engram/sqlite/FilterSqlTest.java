package dev.engram.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSqlTest {

  private static FilterSql.Compiled compile(String filterJson) {
    return FilterSql.compile(Filter.parse(JsonCodec.parseObject(filterJson, "filter")));
  }

  @Test
  void quotesPathSegmentsAndBindsEverything() {
    assertThat(FilterSql.jsonPath(List.of("profile", "l\u00e4ng"))).isEqualTo("$.\"profile\".\"l\u00e4ng\"");
    assertThat(FilterSql.jsonPath(List.of("we\"ird"))).isNull();
    assertThat(FilterSql.jsonPath(List.of("back\\slash"))).isNull();
    FilterSql.Compiled c = compile("{\"profile.lang\":\"en\",\"age\":{\"$gt\":30}}");
    assertThat(c.sql()).doesNotContain("en").doesNotContain("profile").doesNotContain("30");
    assertThat(c.binds()).contains("$.\"profile\".\"lang\"", "en");
  }

  @Test
  void leavesOutWhatItCannotNarrowSafely() {
    assertThat(compile("{\"a\":{\"$ne\":1}}").sql()).isEmpty();
    assertThat(compile("{\"a\":{\"$nin\":[1]}}").sql()).isEmpty();
    assertThat(compile("{\"a\\\"b\":1}").sql()).isEmpty();
    assertThat(compile("{\"a\":\"x\\u0000y\"}").sql()).isEmpty();
    assertThat(compile("{\"a\":{\"$in\":[1,\"x\\u0000\"]}}").sql()).isEmpty();
    assertThat(compile("{\"a\":{\"$gt\":1e400}}").sql()).isEmpty();
  }

  @Test
  void widensNumericBoundsAndMakesThemNonStrict() {
    FilterSql.Compiled c = compile("{\"a\":{\"$gt\":0.1}}");
    assertThat(c.sql()).contains(">= ?").doesNotContain("> ?)");
    double bound = (Double) c.binds().get(c.binds().size() - 1);
    assertThat(bound).isLessThan(0.1).isGreaterThan(0.0999999);
    assertThat(compile("{\"a\":{\"$in\":[]}}").sql()).isEqualTo(" AND (0)");
  }
}
