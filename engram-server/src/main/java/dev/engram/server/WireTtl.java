package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonValues;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations on the wire. In: LangGraph's number of minutes (fractions allowed) or an exact
 * ISO-8601 duration ({@code "PT1.5S"}), for every kind of memory alike. Out: decimal seconds
 * ({@link dev.engram.spi.DecimalSeconds}), as the CLI and export files write them.
 */
final class WireTtl {
  private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

  private WireTtl() {}

  /** A positive duration from minutes or ISO-8601; {@code field} names it in errors. */
  static Duration parse(Object ttl, String field) {
    if (ttl instanceof Number minutes) {
      BigDecimal nanos = JsonValues.decimal(minutes).multiply(NANOS_PER_MINUTE);
      if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw new InvalidInputException(field + " must be a positive number of minutes, was " + ttl);
      }
      return Duration.ofNanos(nanos.longValue());
    }
    if (ttl instanceof String iso) {
      try {
        return Duration.parse(iso);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(field + " must be minutes or an ISO-8601 duration such as"
            + " \"PT30M\", was \"" + iso + "\"");
      }
    }
    throw new InvalidInputException(field + " must be a number of minutes, an ISO-8601 duration or"
        + " null (never expires), was " + JsonValues.kind(ttl).description());
  }
}
