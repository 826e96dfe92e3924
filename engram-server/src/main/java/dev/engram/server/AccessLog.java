package dev.engram.server;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.engram.server.access}: method, route, status,
 * milliseconds, key id, request id. The route is the matched template ({@code
 * /conversations/{id}}), never the raw path of a matched request, and never a query string,
 * header or body, so no key, namespace, conversation or thread id, or content reaches the log;
 * only a request no route matched is logged with its raw path.
 */
final class AccessLog {
  private static final Logger log = LoggerFactory.getLogger("dev.engram.server.access");

  private AccessLog() {}

  static void write(Context ctx, String route, float millis) {
    if (log.isInfoEnabled()) {
      Principal principal = RequestGuard.principalOrNull(ctx);
      log.info("{} {} {} {}ms key={} id={}", ctx.method().name(),
          EngramServer.UNMATCHED.equals(route) ? ctx.path() : route, ctx.statusCode(),
          Math.round(millis * 10) / 10.0, principal == null ? "-" : principal.id(),
          RequestIds.of(ctx));
    }
  }
}
