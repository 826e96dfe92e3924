package dev.engram.core;

import dev.engram.EngramException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The time an engine passes to its backend, at the stores' microsecond precision, and whether the
 * engine is still open: every operation reads the time first, so that is where a closed engine
 * refuses work.
 */
final class EngineClock {
  private final Clock clock;
  private final String what;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** @param what names the engine in the error after close, e.g. "conversation store sqlite:x" */
  EngineClock(Clock clock, String what) {
    this.clock = clock;
    this.what = what;
  }

  Instant now() {
    if (closed.get()) {
      throw new EngramException(what + " is closed");
    }
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Marks the engine closed; true only for the first call. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }
}
