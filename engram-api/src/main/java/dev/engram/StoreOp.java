package dev.engram;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a {@link Store#batch}. Each kind documents the result it contributes to the
 * batch's result list.
 */
public sealed interface StoreOp {

  /** Result: the {@link Item}, or null when absent or expired. */
  record Get(Namespace namespace, String key, @Nullable Boolean refreshTtl) implements StoreOp {}

  /** Result: the stored {@link Item}, or null when {@code value} was null (a delete). */
  record Put(Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options)
      implements StoreOp {
    public Put {
      if (options == null) {
        throw new InvalidInputException("put options must not be null (use PutOptions.defaults())");
      }
    }
  }

  /** Result: {@link Boolean#TRUE} when an item was removed. */
  record Delete(Namespace namespace, String key) implements StoreOp {}

  /** Result: a {@code List<SearchItem>}. */
  record Search(SearchRequest request) implements StoreOp {}

  /** Result: a {@code List<Namespace>}. */
  record ListNamespaces(NamespaceQuery query) implements StoreOp {}

  static Get get(Namespace namespace, String key) {
    return new Get(namespace, key, null);
  }

  static Put put(Namespace namespace, String key, @Nullable Map<String, Object> value) {
    return new Put(namespace, key, value, PutOptions.defaults());
  }

  static Put put(
      Namespace namespace, String key, @Nullable Map<String, Object> value, PutOptions options) {
    return new Put(namespace, key, value, options);
  }

  static Delete delete(Namespace namespace, String key) {
    return new Delete(namespace, key);
  }

  static Search search(SearchRequest request) {
    return new Search(request);
  }

  static ListNamespaces listNamespaces(NamespaceQuery query) {
    return new ListNamespaces(query);
  }
}
