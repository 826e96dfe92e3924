package dev.engram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Store#search} looks for: items under a namespace prefix that match a filter, one
 * page at a time. Without a query, results come newest {@code updatedAt} first, ties broken by
 * namespace then key. With a query, indexed items come best score first (see {@link SearchMode}),
 * ties broken by namespace then key. Immutable; build with {@link #builder()}.
 */
public final class SearchRequest {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 1000;

  private final Namespace namespacePrefix;
  private final Map<String, Object> filter;
  private final int limit;
  private final int offset;
  private final @Nullable String query;
  private final @Nullable SearchMode mode;
  private final @Nullable Boolean refreshTtl;

  private SearchRequest(Builder b) {
    this.namespacePrefix = b.namespacePrefix;
    this.filter = b.filter;
    this.limit = b.limit;
    this.offset = b.offset;
    this.query = b.query;
    this.mode = b.mode;
    this.refreshTtl = b.refreshTtl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything under {@code prefix}, first page. */
  public static SearchRequest under(Namespace prefix) {
    return builder().namespacePrefix(prefix).build();
  }

  /** Matches whole labels only: {@code users.al} never matches {@code users.alice}. */
  public Namespace namespacePrefix() {
    return namespacePrefix;
  }

  /** The filter as a JSON object (see the filter rules in the README); empty matches all. */
  public Map<String, Object> filter() {
    return filter;
  }

  public int limit() {
    return limit;
  }

  public int offset() {
    return offset;
  }

  /** Natural-language query for semantic search, or null. */
  public @Nullable String query() {
    return query;
  }

  /** How the query ranks items: the one given, else {@link SearchMode#VECTOR}; null without a query. */
  public @Nullable SearchMode mode() {
    return query == null ? null : mode == null ? SearchMode.VECTOR : mode;
  }

  /** Whether found items get their TTL refreshed; null follows the store's policy. */
  public @Nullable Boolean refreshTtl() {
    return refreshTtl;
  }

  @Override
  public String toString() {
    return "SearchRequest[prefix="
        + namespacePrefix
        + ", filter="
        + filter
        + ", limit="
        + limit
        + ", offset="
        + offset
        + ", query="
        + query
        + ", mode="
        + mode()
        + "]";
  }

  /** Builds a {@link SearchRequest}; rejects bad settings at once. */
  public static final class Builder {
    private Namespace namespacePrefix = Namespace.root();
    private Map<String, Object> filter = Map.of();
    private int limit = DEFAULT_LIMIT;
    private int offset;
    private @Nullable String query;
    private @Nullable SearchMode mode;
    private @Nullable Boolean refreshTtl;

    private Builder() {}

    public Builder namespacePrefix(Namespace prefix) {
      this.namespacePrefix = Checks.namespace(prefix, "namespacePrefix");
      return this;
    }

    /** A JSON object; null or empty matches everything. Validated when the search runs. */
    public Builder filter(@Nullable Map<String, Object> filter) {
      this.filter =
          filter == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filter));
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

    /** The query text; null searches without one. A blank query is an error. */
    public Builder query(@Nullable String query) {
      if (query != null && query.isBlank()) {
        throw new InvalidInputException("query must not be blank (leave it out to search without one)");
      }
      this.query = query;
      return this;
    }

    /** How to rank against the query; null means {@link SearchMode#VECTOR}. Needs a query. */
    public Builder mode(@Nullable SearchMode mode) {
      this.mode = mode;
      return this;
    }

    public Builder refreshTtl(@Nullable Boolean refreshTtl) {
      this.refreshTtl = refreshTtl;
      return this;
    }

    public SearchRequest build() {
      if (mode != null && query == null) {
        throw new InvalidInputException("mode " + mode + " needs a query");
      }
      return new SearchRequest(this);
    }
  }
}
