package dev.engram.spi;

import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Durations as JSON numbers of seconds, the way every Engram output writes them (HTTP answers,
 * CLI lines, export files): exact to the microsecond every store keeps, without trailing zeros and
 * never in exponent notation ({@code 3600}, {@code 599.5}, {@code 0.000001}).
 */
public final class DecimalSeconds {
  private DecimalSeconds() {}

  /** The duration in seconds, truncated to the microsecond; null for null. */
  public static @Nullable BigDecimal of(@Nullable Duration duration) {
    if (duration == null) {
      return null;
    }
    BigDecimal micros = BigDecimal.valueOf(duration.getSeconds()).movePointRight(6)
        .add(BigDecimal.valueOf(duration.getNano() / 1000));
    BigDecimal seconds = micros.movePointLeft(6).stripTrailingZeros();
    return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
  }
}
