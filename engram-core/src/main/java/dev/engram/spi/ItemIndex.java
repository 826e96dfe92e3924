package dev.engram.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one item is indexed for search, written with the item and replacing whatever the item had
 * (a changed item never keeps stale vectors).
 *
 * @param model the embedder id that made the vectors
 * @param fields the item's own index paths from its put, or null when it follows the store's
 *     configuration; empty when the put asked for no indexing (then {@code entries} is empty)
 * @param entries one per indexed text, in path order
 */
public record ItemIndex(String model, @Nullable List<String> fields, List<IndexEntry> entries) {}
