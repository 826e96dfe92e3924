package dev.engram.search.embed;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a request again after a 408, a 429, a 5xx or an I/O error (timeouts included): the first
 * retry after about {@code initialBackoff}, each next one after twice as long up to {@code
 * maxBackoff}, with jitter so that clients failing together do not retry together. A service that
 * says how long to wait ({@code Retry-After}, or {@code retry-after-ms} as OpenAI and Azure send)
 * is waited for exactly; if it asks for longer than {@code maxBackoff}, its answer stands.
 */
final class HttpRetries {
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  HttpRetries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** The last response and how many requests it took. */
  record Outcome(HttpResponse<byte[]> response, int attempts) {}

  /** Requests sent before an I/O error is given up on. */
  int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * The first response that is not worth retrying, or the last one once the retries are spent.
   *
   * @throws IOException the last I/O error, once the retries are spent
   */
  Outcome send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw e;
        }
        Thread.sleep(backoff(attempt));
        continue;
      }
      if (!retryable(response.statusCode()) || attempt > maxRetries) {
        return new Outcome(response, attempt);
      }
      Optional<Duration> requested = requestedWait(response);
      Duration wait = requested.isPresent() ? requested.get() : backoff(attempt);
      if (wait.compareTo(maxBackoff) > 0) {
        return new Outcome(response, attempt);
      }
      Thread.sleep(wait);
    }
  }

  /** Statuses that a later identical request may not get: throttling and server trouble. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private Duration backoff(int attempt) {
    double base =
        Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * Math.pow(2, attempt - 1));
    double jittered = base / 2 + ThreadLocalRandom.current().nextDouble() * base / 2;
    return Duration.ofNanos((long) jittered);
  }

  private static Optional<Duration> requestedWait(HttpResponse<?> response) {
    Optional<String> millis = response.headers().firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(nonNegative(Duration.ofNanos(
            (long) (Double.parseDouble(millis.get().strip()) * 1_000_000))));
      } catch (NumberFormatException e) {
        // not a number: fall through to Retry-After
      }
    }
    return response.headers().firstValue("retry-after").flatMap(HttpRetries::parseRetryAfter);
  }

  /** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
  static Optional<Duration> parseRetryAfter(String value) {
    String text = value.strip();
    try {
      return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(text))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(Instant.now(), at)));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
