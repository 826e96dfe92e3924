package dev.engram.redis;

import dev.engram.Namespace;
import io.lettuce.core.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Deletes items that expired by the caller's clock. Redis already drops most expired items by
 * itself (native expiry); this removes the rest (items whose expiry was not ahead of the server's
 * clock when written, e.g. with an injected clock) and cleans the index entries that native expiry
 * leaves behind.
 *
 * <p>Namespaces come from the registry; a pipelined {@code ZCOUNT} on their expiry indexes finds
 * the ones with something due, and each of those is swept by one short script call that deletes
 * at most the remaining limit.
 */
final class RedisSweep {
  private static final int GROUP = 256;

  private final RedisLink link;
  private final Keys keys;
  private final NamespaceRegistry registry;

  RedisSweep(RedisLink link, Keys keys, NamespaceRegistry registry) {
    this.link = link;
    this.keys = keys;
    this.registry = registry;
  }

  int deleteExpired(Instant now, int limit) {
    long nowMicros = Micros.of(now);
    String nowText = Long.toString(nowMicros);
    // Scores are doubles: the count may include entries a hair past "now"; the script checks.
    Range<Long> due = Range.from(Range.Boundary.unbounded(), Range.Boundary.including(nowMicros));
    List<Namespace> namespaces = registry.under(Namespace.root());
    int deleted = 0;
    for (int from = 0; from < namespaces.size(); from += GROUP) {
      List<Namespace> group = namespaces.subList(from, Math.min(namespaces.size(), from + GROUP));
      List<Future<Long>> counts = new ArrayList<>(group.size());
      for (Namespace ns : group) {
        String expiry = keys.of(ns).expiry();
        counts.add(link.submit(() -> link.commands().zcount(expiry, due)));
      }
      for (int i = 0; i < group.size(); i++) {
        Namespace ns = group.get(i);
        long count = link.await(counts.get(i), "sweep (counting expired items of " + ns + ")");
        if (count == 0) {
          continue;
        }
        deleted += sweep(ns, nowText, limit - deleted);
        if (deleted >= limit) {
          return deleted;
        }
      }
    }
    return deleted;
  }

  /** Deletes up to {@code limit} expired items of one namespace. */
  private int sweep(Namespace namespace, String nowText, int limit) {
    Keys.NamespaceKeys k = keys.of(namespace);
    int deleted = 0;
    while (true) {
      List<Object> reply =
          link.eval(
              new ScriptCall(LuaScript.SWEEP, new String[] {k.order(), k.expiry()},
                  new String[] {k.itemPrefix(), nowText, Integer.toString(limit - deleted)},
                  "sweep of namespace " + namespace));
      deleted += (int) (long) (Long) reply.get(0);
      boolean empty = (Long) reply.get(1) == 1;
      boolean more = (Long) reply.get(2) == 1;
      if (empty) {
        registry.forgetIfEmpty(namespace);
        return deleted;
      }
      if (!more || deleted >= limit) {
        return deleted;
      }
    }
  }
}
