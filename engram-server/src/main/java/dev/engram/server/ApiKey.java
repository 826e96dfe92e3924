package dev.engram.server;

import dev.engram.Namespace;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the key file records it, without its secret.
 *
 * @param id the public part of the key, e.g. {@code k_3f9a0c1d2e4b}; it names the key in logs
 *     and in {@code engram keys revoke}
 * @param scopes what the key may do
 * @param grants the namespaces under which it may do it; empty means every namespace
 * @param label a note for people, or null
 * @param revokedAt when the key was revoked, or null while it is active
 */
public record ApiKey(
    String id,
    Set<Scope> scopes,
    List<Namespace> grants,
    @Nullable String label,
    Instant createdAt,
    @Nullable Instant revokedAt) {

  public ApiKey {
    scopes = Set.copyOf(scopes);
    grants = List.copyOf(grants);
  }

  public boolean active() {
    return revokedAt == null;
  }

  /** Whether one of the key's scopes includes {@code needed}. */
  public boolean allows(Scope needed) {
    return scopes.stream().anyMatch(scope -> scope.includes(needed));
  }
}
