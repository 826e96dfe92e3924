package dev.engram.server;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.engram.server.access}: method, path, status,
 * milliseconds, key id, request id. Never a query string, header or body, so no key, namespace
 * value or item content reaches the log.
 */
final class AccessLog {
  private static final Logger log = LoggerFactory.getLogger("dev.engram.server.access");

  private AccessLog() {}

  static void write(Context ctx, float millis) {
    if (log.isInfoEnabled()) {
      Principal principal = RequestGuard.principalOrNull(ctx);
      log.info("{} {} {} {}ms key={} id={}", ctx.method().name(), ctx.path(), ctx.statusCode(),
          Math.round(millis * 10) / 10.0, principal == null ? "-" : principal.id(),
          RequestIds.of(ctx));
    }
  }
}
