package dev.engram.conversation;

/**
 * Options of {@link ConversationStore#append}. Immutable; build with {@link #builder()}.
 */
public final class AppendOptions {
  private static final AppendOptions DEFAULTS = new Builder().build();

  private final boolean updateTimestamp;

  private AppendOptions(Builder b) {
    this.updateTimestamp = b.updateTimestamp;
  }

  /** Appends move {@code updatedAt}. */
  public static AppendOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether an append that adds messages moves the conversation's {@code updatedAt} to now (the
   * default). Either way the conversation's TTL starts again from now.
   */
  public boolean updateTimestamp() {
    return updateTimestamp;
  }

  @Override
  public String toString() {
    return "AppendOptions[updateTimestamp=" + updateTimestamp + "]";
  }

  /** Builds {@link AppendOptions}. */
  public static final class Builder {
    private boolean updateTimestamp = true;

    private Builder() {}

    public Builder updateTimestamp(boolean updateTimestamp) {
      this.updateTimestamp = updateTimestamp;
      return this;
    }

    public AppendOptions build() {
      return new AppendOptions(this);
    }
  }
}
