package dev.engram.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A validated checkpoint listing: the checkpoints of a visible thread, in namespace {@code
 * checkpointNs} (null: every namespace), only {@code checkpointId} when set, only ids before
 * {@code beforeId} when set, whose metadata {@code filter} matches, newest (greatest id) first,
 * ties broken by namespace; at most {@code limit}. When {@code refreshTtl}, the thread's expiry is
 * renewed.
 */
public record CheckpointListing(
    String threadId,
    @Nullable String checkpointNs,
    @Nullable String checkpointId,
    @Nullable String beforeId,
    Filter filter,
    int limit,
    Instant now,
    boolean refreshTtl) {}
