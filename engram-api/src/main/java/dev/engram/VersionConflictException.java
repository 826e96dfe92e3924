package dev.engram;

import org.jspecify.annotations.Nullable;

/**
 * A conditional write ({@code ifVersion}) found a different version than expected. Nothing was
 * written; re-read and retry.
 */
public final class VersionConflictException extends EngramException {
  private static final long serialVersionUID = 1L;

  private final long expectedVersion;
  private final @Nullable Long actualVersion;

  /**
   * @param target what was written, e.g. {@code "users.alice/prefs"}
   * @param expectedVersion the version the caller required (0 = must not exist)
   * @param actualVersion the version found, or null when there is no such item
   */
  public VersionConflictException(String target, long expectedVersion, @Nullable Long actualVersion) {
    super(
        "version conflict on "
            + target
            + ": expected "
            + (expectedVersion == 0 ? "no item" : "version " + expectedVersion)
            + ", found "
            + (actualVersion == null ? "no item" : "version " + actualVersion));
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version found, or null when the item did not exist. */
  public @Nullable Long actualVersion() {
    return actualVersion;
  }
}
