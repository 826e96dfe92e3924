package dev.engram;

import org.jspecify.annotations.Nullable;

/**
 * An item found by {@link Store#search}.
 *
 * @param score the relevance to the query, or null when the search had no query
 */
public record SearchItem(Item item, @Nullable Double score) {
  public Namespace namespace() {
    return item.namespace();
  }

  public String key() {
    return item.key();
  }
}
