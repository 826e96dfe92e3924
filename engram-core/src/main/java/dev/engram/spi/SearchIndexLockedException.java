package dev.engram.spi;

import dev.engram.EngramException;

/**
 * A search index folder is open in another process (or another store of this process), which alone
 * may write it. The store still answers queries, exactly, from its records.
 */
public class SearchIndexLockedException extends EngramException {
  private static final long serialVersionUID = 1L;

  public SearchIndexLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
