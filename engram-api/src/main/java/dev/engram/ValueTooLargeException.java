package dev.engram;

/** A value's JSON encoding is larger than the store's configured limit. Nothing was stored. */
public final class ValueTooLargeException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final long sizeBytes;
  private final long limitBytes;

  public ValueTooLargeException(String what, long sizeBytes, long limitBytes) {
    super(what + " is " + sizeBytes + " bytes of JSON, over the limit of " + limitBytes + " bytes");
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
