package dev.engram;

/**
 * The storage behind a store could not be reached or failed (I/O error, lost connection, database
 * locked past the busy timeout). The message names the store; the cause is the backend's error.
 */
public class BackendUnavailableException extends EngramException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public BackendUnavailableException(String message) {
    super(message);
  }
}
