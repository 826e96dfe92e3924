package dev.engram.spi;

import dev.engram.Namespace;
import java.time.Instant;

/**
 * A validated search. The backend returns exactly the page the in-memory reference would: items
 * visible at {@code now} under {@code prefix} (whole labels) that {@code filter} matches, ordered by
 * {@link ItemOrder#NEWEST_FIRST}, skipping {@code offset}, at most {@code limit}. When {@code
 * refreshTtl} is set, returned items that have a TTL get {@code expiresAt = now + ttl}, persisted and
 * reflected in the returned items.
 *
 * <p>A backend may push the filter down (see {@link Filter#conditions()}), but the result must equal
 * {@link Filter#matches} applied to every candidate.
 */
public record SearchCommand(
    Namespace prefix, Filter filter, int offset, int limit, Instant now, boolean refreshTtl) {}
