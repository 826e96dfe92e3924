package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.Text;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Checks of the ids and texts that conversations and checkpoints are addressed by. */
final class IdInputs {
  /** Longest conversation, thread, checkpoint, task or channel id, as the Store's keys. */
  static final int MAX_ID_LENGTH = 1024;

  private IdInputs() {}

  /** A non-empty id of at most {@link #MAX_ID_LENGTH} characters, storable by every backend. */
  static String id(@Nullable String id, String what) {
    if (id == null) {
      throw new InvalidInputException(what + " must not be null");
    }
    if (id.isEmpty()) {
      throw new InvalidInputException(what + " must not be empty");
    }
    return text(id, what);
  }

  /** Text of at most {@link #MAX_ID_LENGTH} characters, storable by every backend; may be empty. */
  static String text(@Nullable String text, String what) {
    if (text == null) {
      throw new InvalidInputException(what + " must not be null");
    }
    if (text.length() > MAX_ID_LENGTH) {
      throw new InvalidInputException(
          what + " is " + text.length() + " characters, more than the maximum of " + MAX_ID_LENGTH);
    }
    Text.requireWellFormed(text, what);
    return text;
  }

  /** A TTL cut to whole microseconds (the builders guarantee at least one). */
  static @Nullable Duration micros(@Nullable Duration ttl) {
    return ttl == null ? null : ttl.truncatedTo(ChronoUnit.MICROS);
  }
}
