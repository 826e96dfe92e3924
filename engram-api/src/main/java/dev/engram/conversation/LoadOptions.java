package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link ConversationStore#load}: which messages to return. Immutable; build with
 * {@link #builder()}.
 */
public final class LoadOptions {
  private static final LoadOptions DEFAULTS = new Builder().build();

  private final boolean includeExpired;
  private final @Nullable Integer lastN;
  private final @Nullable Instant after;

  private LoadOptions(Builder b) {
    this.includeExpired = b.includeExpired;
    this.lastN = b.lastN;
    this.after = b.after;
  }

  /** Every message of a visible conversation. */
  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether an expired conversation that is not cleaned up yet is still returned. */
  public boolean includeExpired() {
    return includeExpired;
  }

  /** Return only the last N messages (after {@link #after()} is applied), or null for all. */
  public @Nullable Integer lastN() {
    return lastN;
  }

  /** Return only messages whose timestamp is strictly after this instant, or null for all. */
  public @Nullable Instant after() {
    return after;
  }

  @Override
  public String toString() {
    return "LoadOptions[includeExpired=" + includeExpired + ", lastN=" + lastN + ", after="
        + after + "]";
  }

  /** Builds {@link LoadOptions}; rejects bad settings at once. */
  public static final class Builder {
    private boolean includeExpired;
    private @Nullable Integer lastN;
    private @Nullable Instant after;

    private Builder() {}

    public Builder includeExpired(boolean includeExpired) {
      this.includeExpired = includeExpired;
      return this;
    }

    /** At least 1; null for all messages. */
    public Builder lastN(@Nullable Integer lastN) {
      if (lastN != null && lastN < 1) {
        throw new InvalidInputException("lastN must be at least 1, was " + lastN);
      }
      this.lastN = lastN;
      return this;
    }

    public Builder after(@Nullable Instant after) {
      this.after = after;
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
