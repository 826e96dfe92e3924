package dev.engram.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonCodec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndexPathTest {
  private static final Map<String, Object> VALUE =
      JsonCodec.parseObject(
          """
          {"title": "T", "n": 7, "meta": {"lang": "en", "tags": ["x", "y"]},
           "sections": [{"title": "s1", "text": "one"}, {"title": "s2", "text": "two"}],
           "empty": [], "nothing": null}
          """,
          "test value");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "title                    | [T]",
        "n                        | [7]",
        "meta.lang                | [en]",
        "meta.tags[*]             | [x, y]",
        "meta.tags[0]             | [x]",
        "meta.tags[-1]            | [y]",
        "meta.tags[5]             | []",
        "sections[*].text         | [one, two]",
        "sections[1].title        | [s2]",
        "sections[*].{title,text} | [s1, one, s2, two]",
        "{title,meta.lang}        | [T, en]",
        "meta                     | [{\"lang\":\"en\",\"tags\":[\"x\",\"y\"]}]",
        "missing.path             | []",
        "empty[*]                 | []",
        "nothing                  | []",
        "title.deeper             | []"
      })
  void pathsYieldTheTextsTheyName(String path, String expected) {
    assertThat(IndexPath.parse(path.strip()).texts(VALUE).toString()).isEqualTo(expected.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"$"})
  void theRootPathYieldsTheWholeValueAsJson(String path) {
    assertThat(IndexPath.parse(path).texts(VALUE)).containsExactly(JsonCodec.toJson(VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a[x]", "a[", "a[0", "{a,b", "{a,b}.c", "{}", "a]"})
  void malformedPathsAreRejectedWithThePathInTheMessage(String path) {
    assertThatThrownBy(() -> IndexPath.parse(path))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\"" + path + "\"");
  }
}
