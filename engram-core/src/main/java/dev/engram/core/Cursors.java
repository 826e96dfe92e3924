package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.Text;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Opaque paging cursors. A cursor carries the last id of the page it ends (the next page starts
 * after it), encoded so callers treat it as a token rather than build one.
 */
final class Cursors {
  private static final String PREFIX = "e1:";

  private Cursors() {}

  static String encode(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id a cursor carries, or null for no cursor (the first page). */
  static @Nullable String decode(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notIssued(cursor);
    }
    if (!text.startsWith(PREFIX) || text.length() == PREFIX.length()) {
      throw notIssued(cursor);
    }
    String id = text.substring(PREFIX.length());
    try {
      Text.requireWellFormed(id, "cursor");
    } catch (InvalidInputException e) {
      throw notIssued(cursor);
    }
    return id;
  }

  private static InvalidInputException notIssued(String cursor) {
    return new InvalidInputException(
        "cursor \"" + cursor + "\" is not one this store issued (pass a page's nextCursor as is)");
  }
}
