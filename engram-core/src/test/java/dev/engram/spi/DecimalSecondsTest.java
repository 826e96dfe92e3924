package dev.engram.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecimalSecondsTest {

  @Test
  void wholeSecondsArePlainIntegers() {
    assertThat(text(Duration.ofHours(1))).isEqualTo("3600");
    assertThat(text(Duration.ofDays(7))).isEqualTo("604800");
    assertThat(text(Duration.ZERO)).isEqualTo("0");
  }

  @Test
  void fractionsKeepMicrosecondsWithoutTrailingZeros() {
    assertThat(text(Duration.ofMillis(599_500))).isEqualTo("599.5");
    assertThat(text(Duration.ofNanos(1_000))).isEqualTo("0.000001");
    assertThat(text(Duration.ofNanos(1_999))).isEqualTo("0.000001");
    assertThat(text(Duration.ofSeconds(-1, 250_000_000))).isEqualTo("-0.75");
  }

  @Test
  void noDurationIsNull() {
    assertThat(DecimalSeconds.of(null)).isNull();
  }

  /** As a JSON writer prints the number. */
  private static String text(Duration duration) {
    return JsonCodec.toJson(DecimalSeconds.of(duration));
  }
}
