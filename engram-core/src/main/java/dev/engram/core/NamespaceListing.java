package dev.engram.core;

import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import java.util.List;
import java.util.TreeSet;

/**
 * The matching, cutting, sorting and paging of {@link dev.engram.Store#listNamespaces}, applied to
 * the live namespaces a backend returns for the query's literal prefix.
 */
final class NamespaceListing {
  private NamespaceListing() {}

  /** The leading labels of the prefix up to the first wildcard: what a backend can range-scan. */
  static Namespace literalPrefix(Namespace pattern) {
    int wildcard = pattern.labels().indexOf(NamespaceQuery.WILDCARD);
    return wildcard < 0 ? pattern : pattern.truncate(wildcard);
  }

  static List<Namespace> apply(NamespaceQuery query, List<Namespace> candidates) {
    TreeSet<Namespace> result = new TreeSet<>();
    for (Namespace ns : candidates) {
      if (matchesPrefix(ns, query.prefix()) && matchesSuffix(ns, query.suffix())) {
        result.add(query.maxDepth() == null ? ns : ns.truncate(query.maxDepth()));
      }
    }
    return result.stream().skip(query.offset()).limit(query.limit()).toList();
  }

  private static boolean matchesPrefix(Namespace ns, Namespace pattern) {
    return ns.size() >= pattern.size() && matchesAt(ns, pattern, 0);
  }

  private static boolean matchesSuffix(Namespace ns, Namespace pattern) {
    return ns.size() >= pattern.size() && matchesAt(ns, pattern, ns.size() - pattern.size());
  }

  private static boolean matchesAt(Namespace ns, Namespace pattern, int start) {
    for (int i = 0; i < pattern.size(); i++) {
      String label = pattern.labels().get(i);
      if (!label.equals(NamespaceQuery.WILDCARD) && !label.equals(ns.labels().get(start + i))) {
        return false;
      }
    }
    return true;
  }
}
