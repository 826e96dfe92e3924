package dev.engram.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendUriTest {

  @Test
  void splitsSchemeTargetAndDecodedParameters() {
    BackendUri uri = BackendUri.parse("SQLite:./data/e.db?busyTimeoutMs=10&name=a%20b");
    assertThat(uri.scheme()).isEqualTo("sqlite");
    assertThat(uri.target()).isEqualTo("./data/e.db");
    assertThat(uri.params())
        .containsExactly(Map.entry("busyTimeoutMs", "10"), Map.entry("name", "a b"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://u:p/w@h:1/2?x=y | redis://u:***@h:1/2?x=y",
        "postgresql://alice:pa/ss:w@rd@host:5432/db | postgresql://alice:***@host:5432/db",
        "redis://h:1 | redis://h:1",
        "redis://user@h:1 | redis://user@h:1",
        "sqlite:./a@b.db | sqlite:./a@b.db",
        "postgresql://u:secret@h/db?note=a@b | postgresql://u:***@h/db?note=a@b"
      })
  void redactionMasksTheWholePasswordAndNothingElse(String text, String redacted) {
    assertThat(BackendUri.redact(text)).isEqualTo(redacted);
    assertThat(BackendUri.parse(text).redacted()).isEqualTo(redacted);
  }

  @Test
  void unknownParametersAreNamedWithoutThePassword() {
    BackendUri uri = BackendUri.parse("redis://u:hunter2@h:1?colour=red");
    assertThatThrownBy(() -> uri.requireOnlyParams(Set.of("prefix")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("colour")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aUriWithoutSchemeIsRejected() {
    assertThatThrownBy(() -> BackendUri.parse("./engram.db"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("scheme");
  }
}
