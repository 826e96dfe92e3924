package dev.engram.core.transfer;

import dev.engram.InvalidInputException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.ThreadPage;
import dev.engram.checkpoint.TypedValue;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.spi.DecimalSeconds;
import dev.engram.spi.MessageCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads memories out as export records (JSON objects, one per line of an export file), one kind at
 * a time, in batches. Each record has a {@code "kind"}: {@code item}, {@code conversation} (followed
 * by its {@code message} records), or {@code checkpoint} (with its blobs and pending writes). Only
 * visible data is exported, and reading refreshes no TTL.
 *
 * <p>After each batch the {@link Progress} hears a resume token: passed back as {@code resumeAfter},
 * the export continues after that batch. Tokens assume the source does not change in between.
 */
public final class Exporter {
  /** Receives the records. */
  @FunctionalInterface
  public interface Sink {
    void record(Map<String, Object> record);
  }

  /** Hears about each finished batch. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param resumeToken continues after this batch, or null when the kind is complete
     * @param units items, conversations or checkpoint threads done in this batch
     */
    void batchDone(DataKind kind, @Nullable String resumeToken, long units);
  }

  public static final int DEFAULT_BATCH_SIZE = 500;

  private final int batchSize;
  private final Clock clock;
  private final Sink sink;
  private final Progress progress;

  /**
   * @param batchSize items, conversations or threads per batch, 1 to 1000
   * @param clock the time remaining TTLs are measured from
   */
  public Exporter(int batchSize, Clock clock, Sink sink, Progress progress) {
    if (batchSize < 1 || batchSize > SearchRequest.MAX_LIMIT) {
      throw new InvalidInputException(
          "batchSize must be between 1 and " + SearchRequest.MAX_LIMIT + ", was " + batchSize);
    }
    this.batchSize = batchSize;
    this.clock = clock;
    this.sink = sink;
    this.progress = progress;
  }

  /** Exports the Store's items under {@code prefix}, newest first; returns how many. */
  public long store(Store store, Namespace prefix, @Nullable String resumeAfter) {
    long offset = resumeAfter == null ? 0 : parseOffset(resumeAfter);
    long exported = 0;
    while (true) {
      List<SearchItem> page = store.search(SearchRequest.builder().namespacePrefix(prefix)
          .limit(batchSize).offset(Math.toIntExact(offset)).refreshTtl(false).build());
      Instant now = clock.instant();
      for (SearchItem found : page) {
        sink.record(item(found.item(), now));
      }
      exported += page.size();
      offset += page.size();
      boolean last = page.size() < batchSize;
      progress.batchDone(DataKind.STORE, last ? null : Long.toString(offset), page.size());
      if (last) {
        return exported;
      }
    }
  }

  private static long parseOffset(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("store resume token must be an offset, was " + token);
    }
  }

  private static Map<String, Object> item(Item item, Instant now) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "item");
    r.put("namespace", item.namespace().labels());
    r.put("key", item.key());
    r.put("value", item.value());
    r.put("created_at", Records.time(item.createdAt()));
    r.put("updated_at", Records.time(item.updatedAt()));
    r.put("expires_at", Records.time(item.expiresAt()));
    r.put("remaining_ttl_seconds",
        item.expiresAt() == null ? null : DecimalSeconds.of(Duration.between(now, item.expiresAt())));
    return r;
  }

  /** Exports every conversation with its messages, by id; returns how many conversations. */
  public long conversations(ConversationStore store, @Nullable String resumeAfter) {
    String cursor = resumeAfter;
    long exported = 0;
    do {
      ConversationPage page = store.list(
          ConversationQuery.builder().limit(batchSize).cursor(cursor).build());
      for (ConversationInfo info : page.conversations()) {
        // Loaded one by one: a conversation that expired since the listing is skipped.
        Conversation c = store.load(info.id(), LoadOptions.defaults()).orElse(null);
        if (c != null) {
          sink.record(conversation(c.info()));
          for (Message m : c.messages()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", "message");
            r.put("conversation_id", c.id());
            r.put("message", MessageCodec.toJson(m));
            sink.record(r);
          }
          exported++;
        }
      }
      cursor = page.nextCursor();
      progress.batchDone(DataKind.CONVERSATIONS, cursor, page.conversations().size());
    } while (cursor != null);
    return exported;
  }

  private static Map<String, Object> conversation(ConversationInfo info) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "conversation");
    r.put("id", info.id());
    r.put("created_at", Records.time(info.createdAt()));
    r.put("updated_at", Records.time(info.updatedAt()));
    r.put("expires_at", Records.time(info.expiresAt()));
    r.put("ttl_seconds", DecimalSeconds.of(info.ttl()));
    r.put("message_count", info.messageCount());
    r.put("metadata", info.metadata());
    return r;
  }

  /** Exports every checkpoint of every thread, oldest first per thread; returns how many. */
  public long checkpoints(CheckpointStore store, @Nullable String resumeAfter) {
    String cursor = resumeAfter;
    long exported = 0;
    do {
      ThreadPage page = store.listThreads(batchSize, cursor);
      for (String threadId : page.threadIds()) {
        List<CheckpointTuple> tuples = new ArrayList<>(store.list(CheckpointConfig.of(threadId),
            CheckpointQuery.builder().allNamespaces(true).build()));
        for (CheckpointTuple tuple : tuples.reversed()) {
          sink.record(checkpoint(tuple));
          exported++;
        }
      }
      cursor = page.nextCursor();
      progress.batchDone(DataKind.CHECKPOINTS, cursor, page.threadIds().size());
    } while (cursor != null);
    return exported;
  }

  private static Map<String, Object> checkpoint(CheckpointTuple t) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "checkpoint");
    r.put("thread_id", t.config().threadId());
    r.put("checkpoint_ns", t.config().checkpointNs());
    r.put("checkpoint_id", t.checkpoint().id());
    r.put("parent_checkpoint_id", t.parentConfig() == null ? null : t.parentConfig().checkpointId());
    r.put("ts", Records.time(t.checkpoint().ts()));
    r.put("state", t.checkpoint().state());
    Map<String, Object> blobs = new LinkedHashMap<>();
    for (Map.Entry<String, TypedValue> blob : t.checkpoint().blobs().entrySet()) {
      blobs.put(blob.getKey(), typed(blob.getValue(), new LinkedHashMap<>()));
    }
    r.put("blobs", blobs);
    r.put("metadata", t.metadata());
    List<Object> writes = new ArrayList<>();
    for (PendingWrite w : t.pendingWrites()) {
      Map<String, Object> write = new LinkedHashMap<>();
      write.put("task_id", w.taskId());
      write.put("task_path", w.taskPath());
      write.put("channel", w.channel());
      writes.add(typed(w.value(), write));
    }
    r.put("pending_writes", writes);
    return r;
  }

  private static Map<String, Object> typed(TypedValue value, Map<String, Object> into) {
    into.put("type", value.type());
    into.put("data_base64", Records.base64(value.data()));
    return into;
  }
}
