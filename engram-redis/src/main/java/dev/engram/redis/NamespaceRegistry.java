package dev.engram.redis;

import dev.engram.Namespace;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global list of namespaces in use: a sorted set in its own slot, read by listing, search and
 * the sweep (never {@code KEYS} or {@code SCAN}). It cannot be updated in the same script as an
 * item (another slot on Cluster), so the protocol keeps one invariant instead: <em>a namespace that
 * holds an item is in the registry</em>.
 *
 * <ul>
 *   <li>A writer registers the namespace before its first write (see {@code put.lua}): the
 *       namespace's meta flag {@code r} says "registered"; without it the writer adds the
 *       namespace here and writes only if the namespace's epoch did not move meanwhile.
 *   <li>A namespace is removed only when verified empty, in three steps: read its registration
 *       number here; in its own slot, if it holds no item, drop the flag and move the epoch on
 *       ({@code free.lua}); then remove it here only if the registration number is unchanged
 *       ({@code unregister.lua}). A writer that registered before the second step finds the
 *       epoch moved and registers again; one that registered after it changed the number.
 * </ul>
 */
final class NamespaceRegistry {
  private static final Logger log = LoggerFactory.getLogger(NamespaceRegistry.class);
  private static final int PAGE = 1000;
  /**
   * How long the meta hash of a removed namespace lives: it carries the epoch that stops a writer
   * which registered before the removal. Only a writer stalled for longer than this between
   * registering and writing could slip past it.
   */
  private static final long TOMBSTONE_MS = Duration.ofDays(1).toMillis();

  private final RedisLink link;
  private final Keys keys;
  private final SecureRandom random = new SecureRandom();

  NamespaceRegistry(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  ScriptCall register(Namespace namespace) {
    return new ScriptCall(
        LuaScript.REGISTER,
        new String[] {keys.registry(), keys.registrations(), keys.sequence()},
        new String[] {namespace.toString()},
        "registration of namespace " + namespace);
  }

  /** The registered namespaces equal to or below {@code prefix} (whole labels), in order. */
  List<Namespace> under(Namespace prefix) {
    String p = prefix.toString();
    // Descendants of "a.b" sort between "a.b" and "a.b/" ('/' follows '.'); names such as "a.b-c"
    // fall in that range too and are dropped by the label check. Redis compares members
    // bytewise, which for UTF-8 is code point order, the order Namespace uses.
    Range.Boundary<String> lower =
        prefix.isRoot() ? Range.Boundary.unbounded() : Range.Boundary.including(p);
    Range.Boundary<String> upper =
        prefix.isRoot() ? Range.Boundary.unbounded() : Range.Boundary.excluding(p + "/");
    List<Namespace> under = new ArrayList<>();
    while (true) {
      Range<String> range = Range.from(lower, upper);
      List<String> page =
          link.call(
              () -> link.commands().zrangebylex(keys.registry(), range, Limit.create(0, PAGE)),
              "reading the namespace registry under \"" + prefix + "\"");
      for (String text : page) {
        Namespace ns = Namespace.parse(text);
        if (ns.startsWith(prefix)) {
          under.add(ns);
        }
      }
      if (page.size() < PAGE) {
        return under;
      }
      lower = Range.Boundary.excluding(page.get(page.size() - 1));
    }
  }

  /**
   * Up to {@code count} registered namespaces in order, from {@code bound} on (or from the start
   * when it is null).
   */
  List<Namespace> from(@Nullable Namespace bound, boolean inclusive, int count) {
    Range.Boundary<String> lower =
        bound == null ? Range.Boundary.unbounded()
            : inclusive ? Range.Boundary.including(bound.toString())
            : Range.Boundary.excluding(bound.toString());
    Range<String> range = Range.from(lower, Range.Boundary.unbounded());
    List<String> page =
        link.call(() -> link.commands().zrangebylex(keys.registry(), range, Limit.create(0, count)),
            "reading the namespace registry from \"" + bound + "\"");
    return page.stream().map(Namespace::parse).toList();
  }

  /** The namespaces under {@code prefix} that hold an item visible at {@code now}, in order. */
  List<Namespace> live(Namespace prefix, Instant now) {
    List<Namespace> candidates = under(prefix);
    String nowText = Micros.text(now);
    boolean[] isLive = new boolean[candidates.size()];
    List<Integer> pending = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      pending.add(i);
    }
    // All checks go out in one pipeline. A check may stop early when it cleans many stale entries
    // (items Redis expired natively); such namespaces are asked again.
    while (!pending.isEmpty()) {
      List<ScriptCall> calls = new ArrayList<>(pending.size());
      for (int i : pending) {
        Namespace ns = candidates.get(i);
        Keys.NamespaceKeys k = keys.of(ns);
        calls.add(new ScriptCall(LuaScript.LIVE, new String[] {k.order(), k.expiry()},
            new String[] {k.itemPrefix(), nowText}, "namespace listing (checking " + ns + ")"));
      }
      List<List<Object>> replies = link.evalAll(calls);
      List<Integer> again = new ArrayList<>();
      for (int j = 0; j < replies.size(); j++) {
        int i = pending.get(j);
        long answer = (Long) replies.get(j).get(0);
        if (answer == 1) {
          isLive[i] = true;
        } else if (answer == 2) {
          forgetIfEmpty(candidates.get(i));
        } else if (answer < 0) {
          again.add(i);
        }
      }
      pending = again;
    }
    List<Namespace> live = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (isLive[i]) {
        live.add(candidates.get(i));
      }
    }
    return live;
  }

  /**
   * Removes the namespace from the registry if it holds no item at all (see the class comment for
   * why this can never hide a namespace that a concurrent writer fills).
   */
  void forgetIfEmpty(Namespace namespace) {
    String ns = namespace.toString();
    String seen =
        link.call(() -> link.commands().hget(keys.registrations(), ns),
            "reading the registration of namespace " + namespace);
    if (seen == null) {
      return;
    }
    Keys.NamespaceKeys k = keys.of(namespace);
    List<Object> freed =
        link.eval(
            new ScriptCall(LuaScript.FREE, new String[] {k.order(), k.meta()},
                new String[] {newEpoch(), Long.toString(TOMBSTONE_MS)},
                "removal of empty namespace " + namespace));
    if ((Long) freed.get(0) != 1) {
      return;
    }
    List<Object> removed =
        link.eval(
            new ScriptCall(LuaScript.UNREGISTER,
                new String[] {keys.registry(), keys.registrations()}, new String[] {ns, seen},
                "unregistering empty namespace " + namespace));
    if ((Long) removed.get(0) == 1) {
      log.debug("{} - removed empty namespace {} from the registry", link.storeName(), ns);
    }
  }

  /** A fresh epoch: unique, so that it never equals one a writer saw earlier. */
  private String newEpoch() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
