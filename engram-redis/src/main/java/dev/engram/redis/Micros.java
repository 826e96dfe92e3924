package dev.engram.redis;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as Redis stores it: epoch microseconds in decimal text. The engine passes whole
 * microseconds, so nothing is lost either way.
 */
final class Micros {
  private Micros() {}

  static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static String text(Instant instant) {
    return Long.toString(of(instant));
  }

  static String text(Duration duration) {
    return Long.toString(
        Math.addExact(
            Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static Instant instant(String micros) {
    return instant(Long.parseLong(micros));
  }

  static Duration duration(String micros) {
    long m = Long.parseLong(micros);
    return Duration.ofSeconds(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1_000L);
  }
}
