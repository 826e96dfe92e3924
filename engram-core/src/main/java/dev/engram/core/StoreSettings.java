package dev.engram.core;

import dev.engram.Embedder;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The validated settings of one store, as {@link StoreBuilder} collected them. */
record StoreSettings(
    @Nullable Duration defaultTtl,
    boolean refreshOnRead,
    @Nullable Duration sweepInterval,
    int sweepBatchSize,
    int maxValueBytes,
    int maxKeyLength,
    Clock clock,
    @Nullable Embedder embedder,
    int embeddingCacheSize) {}
