package dev.engram;

/**
 * The store's search index was built with another embedding model (or other fields) than this
 * process uses, so queries would compare incomparable vectors. {@link Store#reindex} (or {@code
 * engram reindex}) brings it up to date.
 */
public class ReindexRequiredException extends EngramException {
  private static final long serialVersionUID = 1L;

  public ReindexRequiredException(String message) {
    super(message);
  }
}
