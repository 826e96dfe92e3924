package dev.engram.core;

import dev.engram.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The checks the conversation and checkpoint builders share, with messages naming the setting. */
final class SettingChecks {
  private static final Duration ONE_MICROSECOND = Duration.ofNanos(1000);

  private SettingChecks() {}

  /** A TTL of at least one microsecond (the precision stores keep), or null for none. */
  static @Nullable Duration optionalTtl(@Nullable Duration ttl, String setting) {
    if (ttl != null && ttl.compareTo(ONE_MICROSECOND) < 0) {
      throw new InvalidInputException(setting + " must be at least 1 microsecond, was " + ttl);
    }
    return ttl;
  }

  static Duration positive(Duration duration, String setting) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new InvalidInputException(setting + " must be positive, was " + duration);
    }
    return duration;
  }

  static int atLeast(int value, int min, String setting) {
    if (value < min) {
      throw new InvalidInputException(setting + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  static Clock clock(Clock clock) {
    if (clock == null) {
      throw new InvalidInputException("clock must not be null");
    }
    return clock;
  }
}
