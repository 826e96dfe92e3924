package dev.engram.core;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits.
 * Their text sorts by creation time, which is what makes "latest checkpoint" an index lookup and
 * keeps generated message ids in order.
 *
 * <p>Ids are strictly increasing within this JVM, even when the clock stands still (an injected
 * test clock) or steps back: the counter breaks ties within a millisecond, and a millisecond whose
 * counter is exhausted borrows the next one.
 */
final class TimeOrderedIds {
  private static final int MAX_COUNTER = 0xFFF;

  private static long lastMillis = Long.MIN_VALUE;
  private static int counter;

  private TimeOrderedIds() {}

  /** A new id for something created at {@code now}. */
  static String next(Instant now) {
    long millis = now.toEpochMilli();
    long stamp;
    int sequence;
    synchronized (TimeOrderedIds.class) {
      if (millis > lastMillis) {
        lastMillis = millis;
        counter = 0;
      } else if (++counter > MAX_COUNTER) {
        lastMillis++;
        counter = 0;
      }
      stamp = lastMillis;
      sequence = counter;
    }
    long msb = (stamp << 16) | 0x7000L | sequence;
    long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
    return new UUID(msb, lsb).toString();
  }
}
