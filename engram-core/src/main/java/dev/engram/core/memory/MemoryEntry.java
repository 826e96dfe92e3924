package dev.engram.core.memory;

import dev.engram.Item;
import dev.engram.spi.ItemIndex;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored item, the TTL that refreshing reads renew, and how the item is indexed for search
 * (null when it never was). Immutable: updates swap entries.
 */
record MemoryEntry(Item item, @Nullable Duration ttl, @Nullable ItemIndex index) {

  boolean visibleAt(Instant now) {
    Instant expiresAt = item.expiresAt();
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Whether search by query can find this item: it has index entries. */
  boolean indexed() {
    return index != null && !index.entries().isEmpty();
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
        ttl, index);
  }

  MemoryEntry withIndex(ItemIndex newIndex) {
    return new MemoryEntry(item, ttl, newIndex);
  }
}
