package dev.engram;

/** Something that had to exist for the operation does not (where absence is not a normal answer). */
public class NotFoundException extends EngramException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
