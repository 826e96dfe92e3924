package dev.engram.core.transfer;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.Store;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.SpecialChannels;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.conversation.SaveOptions;
import dev.engram.spi.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes export records (see {@link Exporter}) into memories. Importing is idempotent: importing
 * the same records again changes nothing that matters.
 *
 * <ul>
 *   <li>{@code item}: put with the remaining TTL it was exported with (expired ones are skipped);
 *       the item's value wins over what the target had.
 *   <li>{@code conversation}: created with its TTL and metadata when the target lacks it (the TTL
 *       starts again at import); left alone when it exists. Its {@code message} records are
 *       appended in batches, and appending a message id the conversation holds does nothing.
 *   <li>{@code checkpoint}: put (replacing the same id), then its pending writes, grouped by task;
 *       the thread gets the target store's configured TTL.
 * </ul>
 *
 * Stores are obtained from the suppliers on first use, so importing only items needs no
 * conversation storage. Call {@link #flush()} at the end.
 */
public final class Importer {
  private static final int MESSAGE_BATCH = 500;

  private final Supplier<Store> store;
  private final Supplier<ConversationStore> conversations;
  private final Supplier<CheckpointStore> checkpoints;
  private final Map<DataKind, Long> counts = new EnumMap<>(DataKind.class);
  private long messages;
  private @Nullable String pendingConversation;
  private final List<Message> pendingMessages = new ArrayList<>();

  public Importer(
      Supplier<Store> store, Supplier<ConversationStore> conversations,
      Supplier<CheckpointStore> checkpoints) {
    this.store = store;
    this.conversations = conversations;
    this.checkpoints = checkpoints;
  }

  /**
   * Imports one record.
   *
   * @param where names the record in errors, e.g. {@code "line 12"}
   * @throws InvalidInputException naming the record and field when it is malformed
   */
  public void accept(Map<String, Object> record, String where) {
    String kind = Records.string(record, "kind", where);
    switch (kind) {
      case "item" -> item(record, where);
      case "conversation" -> conversation(record, where);
      case "message" -> message(record, where);
      case "checkpoint" -> checkpoint(record, where);
      default -> throw new InvalidInputException(where + ": unknown kind \"" + kind
          + "\"; known: item, conversation, message, checkpoint");
    }
  }

  /** Appends buffered messages; call after the last record. */
  public void flush() {
    if (pendingConversation != null && !pendingMessages.isEmpty()) {
      conversations.get().append(pendingConversation, List.copyOf(pendingMessages));
      messages += pendingMessages.size();
    }
    pendingMessages.clear();
  }

  /** Items, conversations and checkpoints imported so far, by kind. */
  public Map<DataKind, Long> counts() {
    return Map.copyOf(counts);
  }

  /** Message records imported so far (appended, or found there already). */
  public long messages() {
    return messages;
  }

  private void count(DataKind kind) {
    counts.merge(kind, 1L, Long::sum);
  }

  private void item(Map<String, Object> r, String where) {
    List<String> labels = new ArrayList<>();
    if (!(r.get("namespace") instanceof List<?> list)) {
      throw new InvalidInputException(where + ": \"namespace\" must be an array of labels");
    }
    for (Object label : list) {
      if (!(label instanceof String s)) {
        throw new InvalidInputException(where + ": \"namespace\" labels must be strings");
      }
      labels.add(s);
    }
    Duration remaining = Records.optionalSeconds(r, "remaining_ttl_seconds", where);
    if (remaining != null && remaining.toNanos() < 1000) {
      return; // expired since the export
    }
    PutOptions options = remaining == null
        ? PutOptions.builder().noExpiry().build()
        : PutOptions.builder().ttl(remaining).build();
    store.get().put(Namespace.of(labels), Records.string(r, "key", where),
        Records.object(r, "value", where), options);
    count(DataKind.STORE);
  }

  private void conversation(Map<String, Object> r, String where) {
    flush();
    String id = Records.string(r, "id", where);
    pendingConversation = id;
    ConversationStore target = conversations.get();
    if (!target.exists(id)) {
      Duration ttl = Records.optionalSeconds(r, "ttl_seconds", where);
      SaveOptions.Builder options = SaveOptions.builder().metadata(Records.object(r, "metadata",
          where));
      target.save(id, List.of(), ttl == null ? options.noExpiry().build()
          : options.ttl(ttl).build());
    }
    count(DataKind.CONVERSATIONS);
  }

  private void message(Map<String, Object> r, String where) {
    String id = Records.string(r, "conversation_id", where);
    if (!id.equals(pendingConversation)) {
      throw new InvalidInputException(where + ": message of conversation \"" + id
          + "\" does not follow its conversation record");
    }
    pendingMessages.add(MessageCodec.fromJson(Records.object(r, "message", where), where));
    if (pendingMessages.size() >= MESSAGE_BATCH) {
      flush();
    }
  }

  private void checkpoint(Map<String, Object> r, String where) {
    flush();
    String thread = Records.string(r, "thread_id", where);
    String ns = Records.string(r, "checkpoint_ns", where);
    String id = Records.string(r, "checkpoint_id", where);
    Map<String, TypedValue> blobs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> blob : Records.object(r, "blobs", where).entrySet()) {
      String at = where + " blob \"" + blob.getKey() + "\"";
      Map<String, Object> value = Records.object(Map.of("blob", blob.getValue()), "blob", at);
      blobs.put(blob.getKey(), typed(value, at));
    }
    CheckpointStore target = checkpoints.get();
    CheckpointConfig stored = target.put(
        new CheckpointConfig(thread, ns, Records.optionalString(r, "parent_checkpoint_id", where)),
        new Checkpoint(id, Records.optionalTime(r, "ts", where), Records.object(r, "state", where),
            blobs),
        Records.object(r, "metadata", where));
    // Writes come ordered by task; each task's normal writes are replayed in one call so their
    // positions reproduce their indexes, its special-channel writes (which replace) in another.
    Map<List<String>, List<Write>> normal = new LinkedHashMap<>();
    Map<List<String>, List<Write>> special = new LinkedHashMap<>();
    for (Map<String, Object> w : Records.objects(r, "pending_writes", where)) {
      String at = where + " pending write";
      List<String> task = List.of(Records.string(w, "task_id", at),
          Records.string(w, "task_path", at));
      String channel = Records.string(w, "channel", at);
      Write write = new Write(channel, typed(w, at));
      (SpecialChannels.index(channel) == null ? normal : special)
          .computeIfAbsent(task, k -> new ArrayList<>()).add(write);
    }
    for (Map<List<String>, List<Write>> group : List.of(special, normal)) {
      group.forEach((task, writes) -> target.putWrites(stored, writes, task.get(0), task.get(1)));
    }
    count(DataKind.CHECKPOINTS);
  }

  private static TypedValue typed(Map<String, Object> value, String where) {
    return TypedValue.of(Records.string(value, "type", where),
        Records.bytes(value, "data_base64", where));
  }
}
