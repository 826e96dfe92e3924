package dev.engram.server;

import io.javalin.security.RouteRole;
import org.jspecify.annotations.Nullable;

/** What a route needs from the caller: nothing (operations, docs) or a key with a scope. */
enum Access implements RouteRole {
  PUBLIC(null),
  READ(Scope.READ),
  WRITE(Scope.WRITE),
  ADMIN(Scope.ADMIN);

  final @Nullable Scope scope;

  Access(@Nullable Scope scope) {
    this.scope = scope;
  }
}
