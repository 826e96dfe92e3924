package dev.engram.server;

import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as, and the namespaces it may see: the intersection of what a request asks
 * for with the key's grants is computed here, on the server, from the key alone — never from a
 * prefix the client sends.
 *
 * @param id the key id, or {@code "open"} on a server without keys
 * @param key the key's scopes and grants (no grant: every namespace)
 */
record Principal(String id, ApiKey key) {
  /** A server bound to loopback without keys: everything is allowed. */
  static final Principal OPEN =
      new Principal("open", new ApiKey("open", java.util.EnumSet.allOf(Scope.class), List.of(),
          null, java.time.Instant.EPOCH, null));

  boolean allows(Scope scope) {
    return key.allows(scope);
  }

  boolean unrestricted() {
    return key.grants().isEmpty();
  }

  /** Whether the item namespace lies under one of the grants. */
  boolean covers(Namespace namespace) {
    return unrestricted() || key.grants().stream().anyMatch(namespace::startsWith);
  }

  /**
   * Whether a conversation or thread id belongs to the grants: it must start with a grant's
   * dotted text and a dot ({@code users.alice.chat-42} for a key granted {@code users.alice}),
   * compared exactly, code point by code point, so {@code users.alicex.1} is not alice's.
   */
  boolean ownsId(String id) {
    return unrestricted() || key.grants().stream().anyMatch(grant -> id.startsWith(grant + "."));
  }

  /** The id prefixes a key may use, for error messages: {@code "users.alice."}. */
  List<String> idPrefixes() {
    return key.grants().stream().map(grant -> grant + ".").toList();
  }

  /**
   * The prefixes a search under {@code prefix} must cover: the prefix itself when a grant covers
   * it, else the grants that lie under it (none: the principal sees nothing there).
   */
  List<Namespace> searchPrefixes(Namespace prefix) {
    if (covers(prefix)) {
      return List.of(prefix);
    }
    return key.grants().stream().filter(grant -> grant.startsWith(prefix)).toList();
  }

  /**
   * The namespace-listing patterns equivalent to {@code pattern} within the grants: label by
   * label, a wildcard becomes the grant's label and a literal must equal it.
   */
  List<Namespace> listingPatterns(Namespace pattern) {
    if (unrestricted()) {
      return List.of(pattern);
    }
    List<Namespace> patterns = new ArrayList<>();
    for (Namespace grant : key.grants()) {
      Namespace narrowed = intersect(pattern, grant);
      if (narrowed != null) {
        patterns.add(narrowed);
      }
    }
    return patterns;
  }

  private static @Nullable Namespace intersect(Namespace pattern, Namespace grant) {
    List<String> labels = new ArrayList<>(grant.labels());
    for (int i = 0; i < pattern.size(); i++) {
      String label = pattern.labels().get(i);
      if (i >= grant.size()) {
        labels.add(label);
      } else if (!label.equals(NamespaceQuery.WILDCARD) && !label.equals(grant.labels().get(i))) {
        return null;
      }
    }
    return Namespace.of(labels);
  }
}
