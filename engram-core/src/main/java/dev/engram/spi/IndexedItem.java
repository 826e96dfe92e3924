package dev.engram.spi;

import dev.engram.Item;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An item as reindexing sees it: the item and how it is indexed now, without the vectors.
 *
 * @param model the embedder id of its vectors, or null when it was never indexed
 * @param fields its own index paths ({@link ItemIndex#fields()}), null for the store's
 */
public record IndexedItem(Item item, @Nullable String model, @Nullable List<String> fields) {}
