package dev.engram;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Store#listNamespaces} lists. In {@code prefix} and {@code suffix} a label {@value
 * #WILDCARD} matches exactly one label. {@code maxDepth} cuts longer namespaces to that many labels;
 * the result is de-duplicated and sorted, then paged. Immutable; build with {@link #builder()}.
 */
public final class NamespaceQuery {
  public static final String WILDCARD = "*";
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final NamespaceQuery ALL = new Builder().build();

  private final Namespace prefix;
  private final Namespace suffix;
  private final @Nullable Integer maxDepth;
  private final int limit;
  private final int offset;

  private NamespaceQuery(Builder b) {
    this.prefix = b.prefix;
    this.suffix = b.suffix;
    this.maxDepth = b.maxDepth;
    this.limit = b.limit;
    this.offset = b.offset;
  }

  /** Every namespace, first page of {@value #DEFAULT_LIMIT}. */
  public static NamespaceQuery all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Namespace prefix() {
    return prefix;
  }

  public Namespace suffix() {
    return suffix;
  }

  public @Nullable Integer maxDepth() {
    return maxDepth;
  }

  public int limit() {
    return limit;
  }

  public int offset() {
    return offset;
  }

  @Override
  public String toString() {
    return "NamespaceQuery[prefix="
        + prefix
        + ", suffix="
        + suffix
        + ", maxDepth="
        + maxDepth
        + ", limit="
        + limit
        + ", offset="
        + offset
        + "]";
  }

  /** Builds a {@link NamespaceQuery}; rejects bad settings at once. */
  public static final class Builder {
    private Namespace prefix = Namespace.root();
    private Namespace suffix = Namespace.root();
    private @Nullable Integer maxDepth;
    private int limit = DEFAULT_LIMIT;
    private int offset;

    private Builder() {}

    public Builder prefix(Namespace prefix) {
      this.prefix = Checks.namespace(prefix, "prefix");
      return this;
    }

    public Builder suffix(Namespace suffix) {
      this.suffix = Checks.namespace(suffix, "suffix");
      return this;
    }

    public Builder maxDepth(@Nullable Integer maxDepth) {
      if (maxDepth != null && maxDepth < 1) {
        throw new InvalidInputException("maxDepth must be at least 1, was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = Checks.limit(limit, MAX_LIMIT);
      return this;
    }

    public Builder offset(int offset) {
      this.offset = Checks.offset(offset);
      return this;
    }

    public NamespaceQuery build() {
      return new NamespaceQuery(this);
    }
  }
}
