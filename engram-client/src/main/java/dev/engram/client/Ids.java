package dev.engram.client;

import dev.engram.InvalidInputException;
import dev.engram.Text;
import org.jspecify.annotations.Nullable;

/**
 * The checks on ids that must happen before a request is built: a URL cannot carry a null, an
 * empty path segment would name another endpoint, "." and ".." are path steps, and NUL or a lone
 * surrogate has no faithful encoding. Everything else (length, the store's own rules) the server checks and reports.
 */
final class Ids {
  private Ids() {}

  /** {@code what} names the id in errors: {@code "conversation id"}. */
  static String check(@Nullable String id, String what) {
    if (id == null) {
      throw new InvalidInputException(what + " must not be null");
    }
    if (id.isEmpty()) {
      throw new InvalidInputException(what + " must not be empty");
    }
    if (id.equals(".") || id.equals("..")) {
      // HTTP reads these as path steps, encoded or not; the server never sees them as ids.
      throw new InvalidInputException(what + " \"" + id + "\" cannot be sent in a URL path;"
          + " use another id");
    }
    Text.requireWellFormed(id, what);
    return id;
  }

  /** An argument that must not be null, named in the error. */
  static <T> T required(@Nullable T value, String what) {
    if (value == null) {
      throw new InvalidInputException(what + " must not be null");
    }
    return value;
  }
}
