package dev.engram.core;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The validated settings of one checkpoint store, as {@link CheckpointStoreBuilder} took them. */
record CheckpointSettings(
    @Nullable Duration defaultTtl,
    boolean refreshOnRead,
    @Nullable Duration sweepInterval,
    int sweepBatchSize,
    int maxStateBytes,
    Clock clock) {}
