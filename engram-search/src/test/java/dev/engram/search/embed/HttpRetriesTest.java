package dev.engram.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpRetriesTest {

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(HttpRetries.parseRetryAfter(" 120 ")).contains(Duration.ofSeconds(120));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.of(2001, 2, 3, 4, 5, 6, 0, ZoneOffset.UTC));
    assertThat(HttpRetries.parseRetryAfter(past)).contains(Duration.ZERO);
    String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusHours(2));
    assertThat(HttpRetries.parseRetryAfter(later).orElseThrow())
        .isGreaterThan(Duration.ofMinutes(100));
    assertThat(HttpRetries.parseRetryAfter("soon")).isEmpty();
  }

  @Test
  void retriesThrottlingTimeoutsAndServerErrorsOnly() {
    assertThat(HttpRetries.retryable(429)).isTrue();
    assertThat(HttpRetries.retryable(408)).isTrue();
    assertThat(HttpRetries.retryable(500)).isTrue();
    assertThat(HttpRetries.retryable(503)).isTrue();
    assertThat(HttpRetries.retryable(400)).isFalse();
    assertThat(HttpRetries.retryable(401)).isFalse();
    assertThat(HttpRetries.retryable(404)).isFalse();
  }
}
