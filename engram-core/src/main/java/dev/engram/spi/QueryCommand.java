package dev.engram.spi;

import dev.engram.SearchMode;
import org.jspecify.annotations.Nullable;

/**
 * A validated search by query. The backend returns the page the reference ({@link ExactQuery} over
 * every candidate) would: of the items {@code scope} selects (prefix, filter, visibility, TTL
 * refresh, exactly as for {@link SearchCommand}) that are indexed, ranked by {@code mode} best
 * first, ties by namespace then key, skipping {@code scope.offset()}, at most {@code scope.limit()}.
 * Only entries whose vectors come from {@code model} count in vector ranking.
 *
 * <p>An approximate backend (an HNSW graph) may differ from the reference in which near-ties it
 * finds; it must never return an item outside the scope.
 *
 * @param vector the query's embedding; null in {@link SearchMode#KEYWORD} mode
 */
public record QueryCommand(
    SearchCommand scope, String text, float @Nullable [] vector, SearchMode mode, String model) {}
