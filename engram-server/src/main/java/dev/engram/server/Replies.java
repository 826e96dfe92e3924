package dev.engram.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** Writes JSON responses, within the server's response-size limit. */
final class Replies {
  static final String JSON = "application/json";
  /** Jetty aggregates writes up to this size in its response buffer (a quarter of 32 KB). */
  private static final int DIRECT_MAX_BYTES = 8192;

  private final long maxResponseBytes;

  Replies(long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** 200 with the value as JSON ({@code null} included: LangGraph's "no such item"). */
  void json(Context ctx, @Nullable Object value) {
    json(ctx, 200, value);
  }

  void json(Context ctx, int status, @Nullable Object value) {
    ResponseJson.Encoded body = ResponseJson.encode(value, maxResponseBytes);
    ctx.status(status).contentType(JSON);
    if (body.size() > DIRECT_MAX_BYTES || ctx.req().isAsyncStarted()) {
      // Through Javalin: it copies the body to the client after the handler, handles a client
      // gone meanwhile, and drops the answer of a bounded request that was already answered 503.
      ctx.result(body.toInputStream());
      return;
    }
    // A small answer of a request on its own thread goes straight into Jetty's response buffer
    // (through Javalin's compression stream), with no I/O before the request ends: Javalin's
    // copy would first allocate a buffer of the response buffer's size (32 KB) per response.
    try {
      body.writeTo(ctx.outputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }

  static void noContent(Context ctx) {
    ctx.status(204);
  }
}
