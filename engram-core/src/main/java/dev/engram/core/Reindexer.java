package dev.engram.core;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.spi.IndexedItem;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.StoreBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a store that re-embeds every item whose index is out of date with the
 * configuration in force: never indexed, indexed by another model, or (while the configuration's
 * fields changed and are {@link IndexSetting#pending pending}) indexed by the store's old fields.
 * Pages through the items in key order, embeds each page in one call, and writes each item's
 * entries only if the item still has the version it read, so a concurrent put (which indexes the
 * item itself) always wins.
 */
final class Reindexer {
  static final int PAGE = 256;

  private final StoreBackend backend;
  private final Indexing.Active active;
  private final Supplier<Instant> clock;

  Reindexer(StoreBackend backend, Indexing.Active active, Supplier<Instant> clock) {
    this.backend = backend;
    this.active = active;
    this.clock = clock;
  }

  /** @return how many items were (re)indexed */
  long run(ReindexProgress progress) {
    String model = active.embedder().get().id();
    boolean redoDefaults = active.setting().pending();
    long total = backend.countItems(clock.get());
    long done = 0;
    long reindexed = 0;
    Namespace afterNamespace = null;
    String afterKey = null;
    progress.update(0, total);
    while (true) {
      List<IndexedItem> page = backend.scanForIndex(afterNamespace, afterKey, PAGE, clock.get());
      List<Item> stale = new ArrayList<>();
      List<@Nullable List<String>> ownFields = new ArrayList<>();
      for (IndexedItem candidate : page) {
        if (isStale(candidate, model, redoDefaults)) {
          stale.add(candidate.item());
          ownFields.add(candidate.fields());
        }
      }
      if (!stale.isEmpty()) {
        List<Map<String, Object>> values = stale.stream().map(Item::value).toList();
        List<@Nullable ItemIndex> indexes = Indexing.indexesFor(active, values, ownFields);
        Instant now = clock.get();
        for (int i = 0; i < stale.size(); i++) {
          Item item = stale.get(i);
          if (backend.reindexItem(item.namespace(), item.key(), item.version(), indexes.get(i), now)) {
            reindexed++;
          }
        }
      }
      done += page.size();
      progress.update(done, Math.max(total, done));
      if (page.size() < PAGE) {
        return reindexed;
      }
      Item last = page.get(page.size() - 1).item();
      afterNamespace = last.namespace();
      afterKey = last.key();
    }
  }

  private static boolean isStale(IndexedItem candidate, String model, boolean redoDefaults) {
    List<String> own = candidate.fields();
    if (own != null && own.isEmpty()) {
      return false; // put with indexing off: nothing to embed, whatever the model
    }
    return candidate.model() == null
        || !candidate.model().equals(model)
        || (own == null && redoDefaults);
  }
}
