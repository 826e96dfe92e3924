package dev.engram.server;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.transfer.DataKind;
import dev.engram.core.transfer.Exporter;
import dev.engram.spi.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /export}: everything the key may see, as a streamed JSON Lines download in the format
 * of {@code engram export} (so {@code engram import} loads it): {@code item} records, then {@code
 * conversation} records each followed by its {@code message}s, then {@code checkpoint} records.
 * Records are written as they are read, a batch at a time, so an export of any size runs in
 * constant memory. It is not a snapshot: writes made during the export may or may not appear. Not
 * bounded by the request timeout, since its length grows with the data.
 */
final class ExportRoutes {
  static final String CONTENT_TYPE = "application/x-ndjson";
  private static final Set<String> PARAMS = Set.of("namespace_prefix", "kind");

  private final Store store;
  private final ConversationStore conversations;
  private final CheckpointStore checkpoints;

  ExportRoutes(Store store, ConversationStore conversations, CheckpointStore checkpoints) {
    this.store = store;
    this.conversations = conversations;
    this.checkpoints = checkpoints;
  }

  void register(RoutesConfig routes) {
    routes.get("/export", this::export, Access.READ);
  }

  private void export(Context ctx) throws IOException {
    QueryParams query = QueryParams.of(ctx, PARAMS);
    String prefix = query.optional("namespace_prefix");
    Namespace namespacePrefix = Namespace.parse(prefix == null ? "" : prefix);
    Set<DataKind> kinds = kinds(query.optional("kind"));
    Principal principal = RequestGuard.principal(ctx);
    ctx.status(200).contentType(CONTENT_TYPE)
        .header("content-disposition", "attachment; filename=\"engram-export.jsonl\"");
    OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
    Exporter exporter = new Exporter(Exporter.DEFAULT_BATCH_SIZE, Clock.systemUTC(),
        record -> write(out, record), (kind, resumeToken, units) -> { });
    if (kinds.contains(DataKind.STORE)) {
      for (Namespace granted : principal.searchPrefixes(namespacePrefix)) {
        exporter.store(store, granted, null);
      }
    }
    if (kinds.contains(DataKind.CONVERSATIONS)) {
      exporter.conversations(new TenantConversations(conversations, principal), null);
    }
    if (kinds.contains(DataKind.CHECKPOINTS)) {
      exporter.checkpoints(new TenantCheckpoints(checkpoints, principal), null);
    }
    out.flush();
  }

  /** {@code store}, {@code conversations}, {@code checkpoints}, or {@code all} (the default). */
  private static Set<DataKind> kinds(@Nullable String kind) {
    return kind == null || kind.equals("all")
        ? EnumSet.allOf(DataKind.class)
        : EnumSet.of(DataKind.fromJson(kind));
  }

  private static void write(OutputStream out, Map<String, Object> record) {
    try {
      out.write(JsonCodec.toJson(record).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("the export download was interrupted", e);
    }
  }
}
