package dev.engram;

/**
 * The caller passed something Engram does not accept: a malformed namespace or key, a value that
 * is not a JSON object, an unknown filter operator, an out-of-range option. Nothing was stored.
 */
public class InvalidInputException extends EngramException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
