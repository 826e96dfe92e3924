package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.time.Duration;

/** Argument checks of this package's builders, with messages that name the setting. */
final class Checks {
  private static final Duration ONE_MICROSECOND = Duration.ofNanos(1000);

  private Checks() {}

  /** A TTL of at least one microsecond, the precision every store keeps time in. */
  static Duration ttl(Duration ttl, String setting) {
    if (ttl == null || ttl.compareTo(ONE_MICROSECOND) < 0) {
      throw new InvalidInputException(setting + " must be at least 1 microsecond, was " + ttl);
    }
    return ttl;
  }
}
