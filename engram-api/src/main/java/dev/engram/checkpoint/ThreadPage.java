package dev.engram.checkpoint;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link CheckpointStore#listThreads}.
 *
 * @param threadIds visible threads, in code point order
 * @param nextCursor pass back for the next page; null when this is the last page
 */
public record ThreadPage(List<String> threadIds, @Nullable String nextCursor) {}
