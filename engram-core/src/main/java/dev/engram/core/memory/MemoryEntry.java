package dev.engram.core.memory;

import dev.engram.Item;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One stored item and the TTL that refreshing reads renew. Immutable: updates swap entries. */
record MemoryEntry(Item item, @Nullable Duration ttl) {

  boolean visibleAt(Instant now) {
    Instant expiresAt = item.expiresAt();
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** This entry with its expiry renewed from {@code now}, or itself when it has no TTL. */
  MemoryEntry refreshedAt(Instant now) {
    if (ttl == null) {
      return this;
    }
    Item i = item;
    return new MemoryEntry(
        new Item(i.namespace(), i.key(), i.value(), i.createdAt(), i.updatedAt(), now.plus(ttl),
            i.version()),
        ttl);
  }
}
