package dev.engram;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link Store#put}: how long the item lives, an optional version precondition, and how
 * the item is indexed for search. Immutable; build with {@link #builder()}.
 */
public final class PutOptions {
  private static final PutOptions DEFAULTS = new Builder().build();

  /** How the item's lifetime is chosen. */
  public enum Expiry {
    /** The store's default TTL (which may be none). */
    STORE_DEFAULT,
    /** The TTL given in {@link #ttl()}. */
    TTL,
    /** Never expires, whatever the store's default. */
    NEVER
  }

  private final Expiry expiry;
  private final @Nullable Duration ttl;
  private final @Nullable Long ifVersion;
  private final @Nullable List<String> index;

  private PutOptions(Builder b) {
    this.expiry = b.expiry;
    this.ttl = b.ttl;
    this.ifVersion = b.ifVersion;
    this.index = b.index;
  }

  /** Store default TTL, no precondition. */
  public static PutOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Expiry expiry() {
    return expiry;
  }

  /** The TTL when {@link #expiry()} is {@link Expiry#TTL}, else null. */
  public @Nullable Duration ttl() {
    return ttl;
  }

  /** The version the item must have for the put to apply (0 = must not exist), or null. */
  public @Nullable Long ifVersion() {
    return ifVersion;
  }

  /**
   * The paths to index for this item instead of the store's ({@link IndexConfig#fields()}); an
   * empty list keeps the item out of searches by query; null follows the store's configuration.
   */
  public @Nullable List<String> index() {
    return index;
  }

  @Override
  public String toString() {
    return "PutOptions[expiry=" + expiry + ", ttl=" + ttl + ", ifVersion=" + ifVersion
        + ", index=" + index + "]";
  }

  /** Builds {@link PutOptions}; rejects bad settings at once. */
  public static final class Builder {
    private Expiry expiry = Expiry.STORE_DEFAULT;
    private @Nullable Duration ttl;
    private @Nullable Long ifVersion;
    private @Nullable List<String> index;

    private Builder() {}

    /**
     * The item expires this long after the put (and after each refreshing read). Stores keep
     * time in whole microseconds, so the TTL must be at least one.
     */
    public Builder ttl(Duration ttl) {
      this.ttl = Checks.ttl(ttl, "ttl");
      this.expiry = Expiry.TTL;
      return this;
    }

    /** The item never expires, overriding the store's default TTL. */
    public Builder noExpiry() {
      this.expiry = Expiry.NEVER;
      this.ttl = null;
      return this;
    }

    /** Apply only if the item's current version is {@code version}; 0 means it must not exist. */
    public Builder ifVersion(long version) {
      if (version < 0) {
        throw new InvalidInputException("ifVersion must be 0 or more, was " + version);
      }
      this.ifVersion = version;
      return this;
    }

    /** Index these paths of the value (see {@link IndexConfig}) instead of the store's fields. */
    public Builder index(List<String> fields) {
      this.index = Checks.indexFields(fields, "index");
      return this;
    }

    /** Keep this item out of searches by query (LangGraph's {@code index=False}). */
    public Builder noIndex() {
      this.index = List.of();
      return this;
    }

    public PutOptions build() {
      return new PutOptions(this);
    }
  }
}
