package dev.engram.core.transfer;

import dev.engram.InvalidInputException;
import java.util.Locale;

/** The kinds of memory that export, import and migrate move. */
public enum DataKind {
  /** Long-term Store items. */
  STORE,
  /** Conversations and their messages. */
  CONVERSATIONS,
  /** Checkpoint threads: checkpoints, blobs and pending writes. */
  CHECKPOINTS;

  /** The name on the command line and in progress files: {@code store}, ... */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind named {@code text}.
   *
   * @throws InvalidInputException naming the accepted kinds
   */
  public static DataKind fromJson(String text) {
    for (DataKind kind : values()) {
      if (kind.json().equals(text)) {
        return kind;
      }
    }
    throw new InvalidInputException(
        "kind must be one of store, conversations, checkpoints, all; was \"" + text + "\"");
  }
}
