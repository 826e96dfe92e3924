package dev.engram;

/** The request uses a feature this store does not offer (yet, or with this configuration). */
public class UnsupportedFeatureException extends EngramException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
