package dev.engram.core;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The validated settings of one conversation store, as {@link ConversationStoreBuilder} took them. */
record ConversationSettings(
    @Nullable Duration defaultTtl,
    @Nullable Duration sweepInterval,
    int sweepBatchSize,
    int maxMessageBytes,
    Clock clock) {}
