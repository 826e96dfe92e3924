package dev.engram.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.time.Duration;

/**
 * What runs around every API handler: the caller's key checked against the route's {@link Access}
 * before the handler (so no handler can forget it), and, for the handlers whose work grows with
 * the data (searches, listings, batches), a bound by the request timeout: such a request is
 * answered 503 when the time is up, and its store call finishes on its own.
 *
 * <p>Single-item reads and writes are not handed to another thread for this: they are one index
 * lookup, bounded by the backend's own lock and connection timeouts, and the hand-off cost a
 * quarter of their throughput under load (see docs/benchmarks/server.md).
 */
final class RequestGuard {
  private static final String PRINCIPAL = "engram.principal";

  private final Authenticator authenticator;
  private final long timeoutMillis;

  RequestGuard(Authenticator authenticator, Duration timeout) {
    this.authenticator = authenticator;
    this.timeoutMillis = timeout.toMillis();
  }

  /** Runs before a matched route: authenticates unless the route is public. */
  void authorize(Context ctx) {
    Access access = access(ctx);
    if (access == Access.PUBLIC) {
      return;
    }
    Principal principal = authenticator.authenticate(ctx);
    if (!principal.allows(access.scope)) {
      throw ApiError.forbidden(
          "key " + principal.id() + " lacks the " + access.scope.label() + " scope this needs");
    }
    ctx.attribute(PRINCIPAL, principal);
  }

  /** The handler, answered within the request timeout (on a virtual thread of its own). */
  Handler bounded(Handler handler) {
    return ctx -> ctx.async(
        async -> {
          async.timeout = timeoutMillis;
          async.onTimeout(timedOut -> ErrorResponses.write(ApiError.timeout(timeoutMillis), timedOut));
        },
        () -> handler.handle(ctx));
  }

  static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("route " + ctx.path() + " has no Access role");
    }
    return principal;
  }

  /** The principal, or null on a public route or before authentication. */
  static @org.jspecify.annotations.Nullable Principal principalOrNull(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  private static Access access(Context ctx) {
    for (RouteRole role : ctx.routeRoles()) {
      if (role instanceof Access access) {
        return access;
      }
    }
    throw new IllegalStateException("route " + ctx.path() + " was registered without an Access");
  }
}
