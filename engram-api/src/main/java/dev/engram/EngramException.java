package dev.engram;

/**
 * Root of every error Engram throws. All Engram exceptions are unchecked; each subtype names one
 * kind of failure so callers can react to it (and the CLI and HTTP API can map it to an exit code
 * or a status).
 */
public class EngramException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngramException(String message) {
    super(message);
  }

  public EngramException(String message, Throwable cause) {
    super(message, cause);
  }
}
