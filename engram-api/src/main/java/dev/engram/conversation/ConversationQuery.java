package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConversationStore#list} lists: visible conversations whose metadata matches a filter,
 * ordered by id, one page at a time. Immutable; build with {@link #builder()}.
 */
public final class ConversationQuery {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final ConversationQuery FIRST_PAGE = new Builder().build();

  private final int limit;
  private final @Nullable String cursor;
  private final Map<String, Object> metadataFilter;

  private ConversationQuery(Builder b) {
    this.limit = b.limit;
    this.cursor = b.cursor;
    this.metadataFilter = b.metadataFilter;
  }

  /** Every conversation, first page of {@value #DEFAULT_LIMIT}. */
  public static ConversationQuery firstPage() {
    return FIRST_PAGE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int limit() {
    return limit;
  }

  /** Where the page starts: a {@link ConversationPage#nextCursor()}, or null for the beginning. */
  public @Nullable String cursor() {
    return cursor;
  }

  /** A filter on the conversations' metadata, in the Store's filter language; empty for all. */
  public Map<String, Object> metadataFilter() {
    return metadataFilter;
  }

  @Override
  public String toString() {
    return "ConversationQuery[limit=" + limit + ", cursor=" + cursor + ", metadataFilter="
        + metadataFilter + "]";
  }

  /** Builds a {@link ConversationQuery}; rejects bad settings at once. */
  public static final class Builder {
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;
    private Map<String, Object> metadataFilter = Map.of();

    private Builder() {}

    /** 1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}. */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new InvalidInputException(
            "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** An opaque cursor from a previous page; null starts at the beginning. */
    public Builder cursor(@Nullable String cursor) {
      if (cursor != null && cursor.isEmpty()) {
        throw new InvalidInputException("cursor must not be empty (use null for the first page)");
      }
      this.cursor = cursor;
      return this;
    }

    /**
     * A filter on metadata, e.g. {@code {"user": "alice", "turns": {"$gte": 3}}}; null or empty
     * matches every conversation. Validated when the listing runs.
     */
    public Builder metadataFilter(@Nullable Map<String, Object> filter) {
      this.metadataFilter =
          filter == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filter));
      return this;
    }

    public ConversationQuery build() {
      return new ConversationQuery(this);
    }
  }
}
