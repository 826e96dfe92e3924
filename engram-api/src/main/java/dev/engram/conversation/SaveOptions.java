package dev.engram.conversation;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link ConversationStore#save}: the conversation's TTL and metadata. Immutable; build
 * with {@link #builder()}.
 */
public final class SaveOptions {
  private static final SaveOptions DEFAULTS = new Builder().build();

  private final @Nullable Duration ttl;
  private final boolean noExpiry;
  private final Map<String, Object> metadata;

  private SaveOptions(Builder b) {
    this.ttl = b.ttl;
    this.noExpiry = b.noExpiry;
    this.metadata = b.metadata;
  }

  /** The store's default TTL, no metadata. */
  public static SaveOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The TTL asked for, or null for the store's default (or none, see {@link #noExpiry()}). */
  public @Nullable Duration ttl() {
    return ttl;
  }

  /** Whether the conversation never expires, whatever the store's default. */
  public boolean noExpiry() {
    return noExpiry;
  }

  /** The conversation's metadata, a JSON object (empty for none); replaces what it had. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "SaveOptions[ttl=" + ttl + ", noExpiry=" + noExpiry + ", metadata=" + metadata + "]";
  }

  /** Builds {@link SaveOptions}; rejects bad settings at once. */
  public static final class Builder {
    private @Nullable Duration ttl;
    private boolean noExpiry;
    private Map<String, Object> metadata = Map.of();

    private Builder() {}

    /**
     * The conversation expires this long after the save, and after each later append. At least
     * one microsecond, the precision stores keep time in.
     */
    public Builder ttl(Duration ttl) {
      this.ttl = Checks.ttl(ttl, "ttl");
      this.noExpiry = false;
      return this;
    }

    /** The conversation never expires, overriding the store's default TTL. */
    public Builder noExpiry() {
      this.ttl = null;
      this.noExpiry = true;
      return this;
    }

    /** A JSON object kept with the conversation; null means none. Checked when saved. */
    public Builder metadata(@Nullable Map<String, Object> metadata) {
      this.metadata =
          metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
      return this;
    }

    public SaveOptions build() {
      return new SaveOptions(this);
    }
  }
}
