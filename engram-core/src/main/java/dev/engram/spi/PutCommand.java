package dev.engram.spi;

import dev.engram.Namespace;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A validated, fully resolved put: the engine has checked the namespace, key and value, encoded the
 * value and chosen the TTL. The backend only stores it.
 *
 * <p>Rules the backend implements atomically: an item that is absent or expired at {@code now} is
 * created with version 1 and {@code createdAt = now}; a visible item is replaced, keeping {@code
 * createdAt} and incrementing {@code version}. With {@code ifVersion} 0 the put applies only when no
 * visible item exists; with {@code ifVersion} n &gt; 0 only when the visible item has version n.
 * Otherwise the backend throws {@link dev.engram.VersionConflictException} and writes nothing.
 *
 * @param ttl the item's lifetime, refreshed by reads that refresh; null for never expires
 * @param index how the item is indexed for search, replacing its previous entries; null when the
 *     store has no index configuration (then the backend leaves index storage alone)
 */
public record PutCommand(
    Namespace namespace,
    String key,
    EncodedValue value,
    Instant now,
    @Nullable Duration ttl,
    @Nullable Long ifVersion,
    @Nullable ItemIndex index) {

  /** A put on a store without search indexing. */
  public PutCommand(
      Namespace namespace,
      String key,
      EncodedValue value,
      Instant now,
      @Nullable Duration ttl,
      @Nullable Long ifVersion) {
    this(namespace, key, value, now, ttl, ifVersion, null);
  }

  /** This put, writing {@code index} with the item. */
  public PutCommand withIndex(ItemIndex index) {
    return new PutCommand(namespace, key, value, now, ttl, ifVersion, index);
  }

  /** When the item expires if written now, or null. */
  public @Nullable Instant expiresAt() {
    return ttl == null ? null : now.plus(ttl);
  }
}
