package dev.engram.spi;

import dev.engram.Namespace;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One backend call of a batch, fully prepared by the engine: {@link StoreBackend#execute} receives
 * a whole batch of them, so a backend can pipeline or group calls instead of being handed one at a
 * time. Each kind names the {@link StoreBackend} method it stands for and the result it gives.
 */
public sealed interface BackendCall {

  /** {@link StoreBackend#get}: the {@link dev.engram.Item} or null. */
  record Get(Namespace namespace, String key, Instant now, boolean refreshTtl)
      implements BackendCall {}

  /** {@link StoreBackend#put}: the stored {@link dev.engram.Item}. */
  record Put(PutCommand command) implements BackendCall {}

  /** {@link StoreBackend#delete}: {@link Boolean}, whether a visible item was removed. */
  record Delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now)
      implements BackendCall {}

  /** {@link StoreBackend#search}: a {@code List<Item>}. */
  record Search(SearchCommand command) implements BackendCall {}

  /** {@link StoreBackend#query}: a {@code List<SearchItem>}. */
  record Query(QueryCommand command) implements BackendCall {}

  /** {@link StoreBackend#namespaces}: a {@code List<Namespace>}. */
  record Namespaces(Namespace prefix, Instant now) implements BackendCall {}

  /** Makes this call on {@code backend}, one call, as if the engine had made it directly. */
  default @Nullable Object applyTo(StoreBackend backend) {
    return switch (this) {
      case Get g -> backend.get(g.namespace(), g.key(), g.now(), g.refreshTtl());
      case Put p -> backend.put(p.command());
      case Delete d -> backend.delete(d.namespace(), d.key(), d.ifVersion(), d.now());
      case Search s -> backend.search(s.command());
      case Query q -> backend.query(q.command());
      case Namespaces n -> backend.namespaces(n.prefix(), n.now());
    };
  }

  /** The results of running calls one by one, in order; the first failure propagates. */
  static List<@Nullable Object> applyAll(List<BackendCall> calls, StoreBackend backend) {
    List<@Nullable Object> results = new java.util.ArrayList<>(calls.size());
    for (BackendCall call : calls) {
      results.add(call.applyTo(backend));
    }
    return results;
  }
}
