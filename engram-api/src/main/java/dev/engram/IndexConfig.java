package dev.engram;

import java.util.List;
import java.util.Objects;

/**
 * How a store indexes items for search by query: which embedding model, its dimensions, and which
 * parts of each value are embedded. Stored with the data, so every process that opens the store
 * agrees; a put may override the fields for one item ({@link PutOptions.Builder#index}).
 *
 * <p>Fields are LangGraph paths into the value: {@code $} (the whole value as JSON), {@code a.b},
 * {@code arr[*].text} (every element), {@code arr[0]}, {@code arr[-1]}, {@code {title,body}} (each
 * of several fields). A string is embedded as is, anything else as its JSON text; a path that
 * yields several texts is embedded per text, and the item scores by its best match.
 */
public final class IndexConfig {
  /** The local in-process model Engram ships, resolved to its exact id when the store opens. */
  public static final String LOCAL_EMBEDDER = "local";
  /** pgvector's limit for indexed vectors, and well above any text embedding model's. */
  public static final int MAX_DIMENSIONS = 16_000;

  private final String embedder;
  private final int dimensions;
  private final List<String> fields;

  private IndexConfig(String embedder, int dimensions, List<String> fields) {
    this.embedder = embedder;
    this.dimensions = dimensions;
    this.fields = fields;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The embedder: {@code local}, {@code openai:MODEL}, or an {@link Embedder#id()}. */
  public String embedder() {
    return embedder;
  }

  /** The vectors' length; 0 until the embedder is resolved (then the embedder's). */
  public int dimensions() {
    return dimensions;
  }

  /** The paths embedded for each item, at least one. */
  public List<String> fields() {
    return fields;
  }

  /** This configuration with the embedder resolved to an exact model id and its dimensions. */
  public IndexConfig resolvedTo(String embedderId, int embedderDimensions) {
    return new Builder()
        .embedder(embedderId)
        .dimensions(embedderDimensions)
        .fields(fields)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexConfig other
        && embedder.equals(other.embedder)
        && dimensions == other.dimensions
        && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(embedder, dimensions, fields);
  }

  @Override
  public String toString() {
    return "IndexConfig[embedder=" + embedder + ", dimensions=" + dimensions + ", fields=" + fields
        + "]";
  }

  /** Builds an {@link IndexConfig}; rejects bad settings at once. */
  public static final class Builder {
    private String embedder = LOCAL_EMBEDDER;
    private int dimensions;
    private List<String> fields = List.of("$");

    private Builder() {}

    public Builder embedder(String embedder) {
      if (embedder == null || embedder.isBlank()) {
        throw new InvalidInputException("embedder must not be blank, was " + quoted(embedder));
      }
      this.embedder = embedder;
      return this;
    }

    /** Expected vector length; the store checks it against the embedder. 0: the embedder's. */
    public Builder dimensions(int dimensions) {
      if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
        throw new InvalidInputException(
            "dimensions must be between 1 and " + MAX_DIMENSIONS + " (or 0 for the embedder's),"
                + " was " + dimensions);
      }
      this.dimensions = dimensions;
      return this;
    }

    public Builder fields(String... fields) {
      return fields(fields == null ? null : List.of(fields));
    }

    public Builder fields(List<String> fields) {
      this.fields = Checks.indexFields(fields, "fields");
      if (this.fields.isEmpty()) {
        throw new InvalidInputException("fields must name at least one path (e.g. \"$\")");
      }
      return this;
    }

    public IndexConfig build() {
      return new IndexConfig(embedder, dimensions, fields);
    }

    private static String quoted(String s) {
      return s == null ? "null" : "\"" + s + "\"";
    }
  }
}
