package dev.engram.server;

import dev.engram.spi.JsonCodec;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Writes JSON responses, within the server's response-size limit. */
final class Replies {
  static final String JSON = "application/json";

  private final long maxResponseBytes;

  Replies(long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** 200 with the value as JSON ({@code null} included: LangGraph's "no such item"). */
  void json(Context ctx, @Nullable Object value) {
    json(ctx, 200, value);
  }

  void json(Context ctx, int status, @Nullable Object value) {
    byte[] body = JsonCodec.toJson(value).getBytes(StandardCharsets.UTF_8);
    if (body.length > maxResponseBytes) {
      throw ApiError.responseTooLarge(maxResponseBytes);
    }
    ctx.status(status).contentType(JSON).result(body);
  }

  static void noContent(Context ctx) {
    ctx.status(204);
  }
}
