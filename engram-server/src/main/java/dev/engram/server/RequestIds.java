package dev.engram.server;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short random id per request, sent back as {@code x-request-id} and written in the access log
 * and in any error logged for the request, so one answer can be found in the logs.
 */
final class RequestIds {
  static final String HEADER = "x-request-id";
  private static final String ATTRIBUTE = "engram.requestId";

  private RequestIds() {}

  static void assign(Context ctx) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
