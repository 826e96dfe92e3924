package dev.engram.server;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.spi.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code GET /export}: everything the key may see, as a streamed JSON Lines download, one record
 * per line with a {@code kind} ({@code store_item} today; conversations and checkpoints will add
 * theirs). Records are written as they are read, a page at a time, so an export of any size runs
 * in constant memory. It is not a snapshot: writes made during the export may or may not appear.
 * Not bounded by the request timeout, since its length grows with the data.
 */
final class ExportRoutes {
  static final String CONTENT_TYPE = "application/x-ndjson";

  private final Store store;

  ExportRoutes(Store store) {
    this.store = store;
  }

  void register(RoutesConfig routes) {
    routes.get("/export", this::export, Access.READ);
  }

  private void export(Context ctx) throws IOException {
    String prefix = ctx.queryParam("namespace_prefix");
    Iterator<Item> items = new TenantStore(store, RequestGuard.principal(ctx))
        .export(Namespace.parse(prefix == null ? "" : prefix));
    boolean first = items.hasNext(); // reads the first page, so a store error is still a status
    ctx.status(200).contentType(CONTENT_TYPE)
        .header("content-disposition", "attachment; filename=\"engram-export.jsonl\"");
    OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
    if (first) {
      while (items.hasNext()) {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("kind", "store_item");
        record.putAll(StoreJson.item(items.next()));
        out.write(JsonCodec.toJson(record).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
    out.flush();
  }
}
