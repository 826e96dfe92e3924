package dev.engram.core.transfer;

import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStats;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.ConversationStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration compares between source and target: the number of each kind of record, by a
 * name such as {@code "conversations.messages"}.
 */
public final class DataCounts {
  private DataCounts() {}

  /** Visible items under {@code prefix}, counted page by page without refreshing TTLs. */
  public static Map<String, Long> store(Store store, Namespace prefix) {
    long items = 0;
    int offset = 0;
    while (true) {
      List<SearchItem> page = store.search(SearchRequest.builder().namespacePrefix(prefix)
          .limit(SearchRequest.MAX_LIMIT).offset(offset).refreshTtl(false).build());
      items += page.size();
      offset += page.size();
      if (page.size() < SearchRequest.MAX_LIMIT) {
        return Map.of("store.items", items);
      }
    }
  }

  public static Map<String, Long> conversations(ConversationStore store) {
    ConversationStats stats = store.stats();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("conversations.conversations", stats.conversations());
    counts.put("conversations.messages", stats.messages());
    return counts;
  }

  public static Map<String, Long> checkpoints(CheckpointStore store) {
    CheckpointStats stats = store.stats();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("checkpoints.threads", stats.threads());
    counts.put("checkpoints.checkpoints", stats.checkpoints());
    counts.put("checkpoints.writes", stats.writes());
    return counts;
  }
}
