package dev.engram.checkpoint;

import dev.engram.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link CheckpointStore#list}: a metadata filter, an upper bound and a limit. Immutable;
 * build with {@link #builder()}.
 */
public final class CheckpointQuery {
  private static final CheckpointQuery ALL = new Builder().build();

  private final Map<String, Object> filter;
  private final @Nullable String before;
  private final @Nullable Integer limit;
  private final boolean allNamespaces;

  private CheckpointQuery(Builder b) {
    this.filter = b.filter;
    this.before = b.before;
    this.limit = b.limit;
    this.allNamespaces = b.allNamespaces;
  }

  /** Every checkpoint of the config's thread and namespace. */
  public static CheckpointQuery all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A filter on the checkpoints' metadata, in the Store's filter language; empty for all. */
  public Map<String, Object> filter() {
    return filter;
  }

  /** Only checkpoints whose id sorts before this one, or null for no bound. */
  public @Nullable String before() {
    return before;
  }

  /** The most checkpoints to return, or null for all. */
  public @Nullable Integer limit() {
    return limit;
  }

  /** Whether every namespace of the thread is listed, not only the config's. */
  public boolean allNamespaces() {
    return allNamespaces;
  }

  @Override
  public String toString() {
    return "CheckpointQuery[filter=" + filter + ", before=" + before + ", limit=" + limit
        + ", allNamespaces=" + allNamespaces + "]";
  }

  /** Builds a {@link CheckpointQuery}; rejects bad settings at once. */
  public static final class Builder {
    private Map<String, Object> filter = Map.of();
    private @Nullable String before;
    private @Nullable Integer limit;
    private boolean allNamespaces;

    private Builder() {}

    /**
     * A filter on metadata, e.g. {@code {"source": "loop", "step": {"$gte": 3}}}; null or empty
     * matches all. Validated when the listing runs.
     */
    public Builder filter(@Nullable Map<String, Object> filter) {
      this.filter =
          filter == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filter));
      return this;
    }

    /** Only checkpoints older than the one {@code config} names (its {@code checkpointId}). */
    public Builder before(@Nullable CheckpointConfig config) {
      if (config != null && config.checkpointId() == null) {
        throw new InvalidInputException("before must name a checkpoint (checkpointId is null)");
      }
      this.before = config == null ? null : config.checkpointId();
      return this;
    }

    /** At least 1; null (the default) for all. */
    public Builder limit(@Nullable Integer limit) {
      if (limit != null && limit < 1) {
        throw new InvalidInputException("limit must be at least 1, was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** List every namespace of the thread, not only the config's; default false. */
    public Builder allNamespaces(boolean allNamespaces) {
      this.allNamespaces = allNamespaces;
      return this;
    }

    public CheckpointQuery build() {
      return new CheckpointQuery(this);
    }
  }
}
