package dev.engram.redis;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.TextOrder;
import dev.engram.spi.Filter;
import dev.engram.spi.SearchCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Search without a query: the namespaces under the prefix come from the registry; each one's order
 * index is read newest first, in chunks, together with its items (one script call per chunk, all
 * namespaces in one pipeline per round); the filter is evaluated here with {@link Filter#matches},
 * so it means exactly what it means everywhere. A namespace stops being read once it has {@code
 * offset + limit} matches and its next entries are strictly older than the last of them; the
 * candidates of all namespaces are then ordered like {@link dev.engram.spi.ItemOrder#NEWEST_FIRST}
 * and paged exactly.
 *
 * <p>Cost: every visible item of a namespace down to that point travels to the client and, with a
 * filter, is parsed; a selective filter over a large namespace reads the whole namespace. A search
 * by query ({@link RedisQuery}) reads every namespace under the prefix whole ({@link #matching}
 * without a bound): any item may rank first.
 */
final class RedisSearch {
  private static final int FIRST_CHUNK_MIN = 16;
  private static final int MAX_CHUNK = 512;

  /** The order of ItemOrder.NEWEST_FIRST, on candidates whose value may not be parsed yet. */
  private static final Comparator<Candidate> NEWEST_FIRST =
      Comparator.comparingLong(Candidate::updatedMicros)
          .reversed()
          .thenComparing(Candidate::namespace)
          .thenComparing(Candidate::key, TextOrder.CODE_POINT);

  private final RedisLink link;
  private final Keys keys;
  private final NamespaceRegistry registry;
  private final ItemCommands items;

  RedisSearch(RedisLink link, Keys keys, NamespaceRegistry registry, ItemCommands items) {
    this.link = link;
    this.keys = keys;
    this.registry = registry;
    this.items = items;
  }

  List<Item> search(SearchCommand command) {
    long need = (long) command.offset() + command.limit();
    List<Candidate> candidates = matching(command, need);
    candidates.sort(NEWEST_FIRST);
    List<Item> page = new ArrayList<>(command.limit());
    for (long i = command.offset(); i < candidates.size() && i < need; i++) {
      page.add(candidates.get((int) i).item());
    }
    return command.refreshTtl() ? refreshed(page, command.now()) : page;
  }

  /**
   * The items visible at the command's {@code now} under its prefix that its filter matches, one
   * namespace after the other (in no particular order within one): of each namespace at least the
   * newest {@code need} (all with {@link Long#MAX_VALUE}), so that the first {@code need} of all in
   * search order are among them.
   */
  List<Candidate> matching(SearchCommand command, long need) {
    long nowMicros = Micros.of(command.now());
    String nowText = Long.toString(nowMicros);
    int firstChunk = (int) Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK_MIN, need));
    List<Scan> active = new ArrayList<>();
    for (Namespace ns : registry.under(command.prefix())) {
      active.add(new Scan(ns, keys.of(ns), firstChunk));
    }
    List<Scan> all = List.copyOf(active);
    while (!active.isEmpty()) {
      List<ScriptCall> calls = new ArrayList<>(active.size());
      for (Scan scan : active) {
        calls.add(scan.nextCall(nowText, command.prefix()));
      }
      List<List<Object>> replies = link.evalAll(calls);
      List<Scan> next = new ArrayList<>();
      for (int i = 0; i < active.size(); i++) {
        if (active.get(i).absorb(replies.get(i), command.filter(), nowMicros, need)) {
          next.add(active.get(i));
        }
      }
      active = next;
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Scan scan : all) {
      candidates.addAll(scan.matches);
    }
    return candidates;
  }

  /** The page with the TTLs of its items renewed (one pipeline), as a refreshing read does. */
  List<Item> refreshed(List<Item> page, Instant now) {
    List<Integer> positions = new ArrayList<>();
    List<ScriptCall> calls = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      Item item = page.get(i);
      if (item.expiresAt() != null) {
        positions.add(i);
        calls.add(items.refresh(item.namespace(), item.key(), now));
      }
    }
    if (calls.isEmpty()) {
      return page;
    }
    List<Item> result = new ArrayList<>(page);
    List<List<Object>> replies = link.evalAll(calls);
    for (int j = 0; j < replies.size(); j++) {
      Item item = page.get(positions.get(j));
      Item current = ItemCommands.refreshResult(item.namespace(), item.key(), replies.get(j));
      // Deleted since it was found: it still belongs to this page, as on the reference backend.
      if (current != null) {
        result.set(positions.get(j), current);
      }
    }
    return result;
  }

  /** A visible item that matched; its value is parsed only when needed. */
  static final class Candidate {
    private final Namespace namespace;
    private final String key;
    private final @Nullable String[] fields;
    private final long updatedMicros;
    private @Nullable Item item;

    Candidate(Namespace namespace, String key, @Nullable String[] fields, @Nullable Item item) {
      this.namespace = namespace;
      this.key = key;
      this.fields = fields;
      this.updatedMicros = ItemFields.updatedMicros(fields);
      this.item = item;
    }

    Namespace namespace() {
      return namespace;
    }

    String key() {
      return key;
    }

    long updatedMicros() {
      return updatedMicros;
    }

    /** The version that was read, as the stored text. */
    String version() {
      return ItemFields.version(fields);
    }

    Item item() {
      if (item == null) {
        item = ItemFields.item(namespace, key, fields);
      }
      return item;
    }
  }

  /** The reading of one namespace's order index, chunk by chunk. */
  private static final class Scan {
    private final Namespace namespace;
    private final Keys.NamespaceKeys keys;
    private final List<Candidate> matches = new ArrayList<>();
    // A search is not a snapshot: writes between two chunks shift ranks, so a key may come twice.
    private final Set<String> seen = new HashSet<>();
    private long start;
    private int chunk;

    Scan(Namespace namespace, Keys.NamespaceKeys keys, int chunk) {
      this.namespace = namespace;
      this.keys = keys;
      this.chunk = chunk;
    }

    ScriptCall nextCall(String nowText, Namespace prefix) {
      return new ScriptCall(
          LuaScript.PAGE,
          new String[] {keys.order(), keys.expiry()},
          new String[] {
            keys.itemPrefix(), Long.toString(start), Long.toString(start + chunk - 1), nowText
          },
          "search under \"" + prefix + "\" (reading " + namespace + ")");
    }

    /** Takes in one chunk; returns whether more of this namespace must be read. */
    boolean absorb(List<Object> reply, Filter filter, long nowMicros, long need) {
      long scanned = (Long) reply.get(0);
      long removed = (Long) reply.get(1);
      String lastScore = (String) reply.get(2);
      List<?> found = (List<?>) reply.get(3);
      for (int i = 0; i + 1 < found.size(); i += 2) {
        String key = (String) found.get(i);
        @Nullable String[] fields = ItemFields.ofScript((List<?>) found.get(i + 1));
        if (!ItemFields.visible(fields, nowMicros) || !seen.add(key)) {
          continue;
        }
        if (filter.isEmpty()) {
          matches.add(new Candidate(namespace, key, fields, null));
        } else {
          Item item = ItemFields.item(namespace, key, fields);
          if (filter.matches(item.value())) {
            matches.add(new Candidate(namespace, key, fields, item));
          }
        }
      }
      // Entries removed as stale shifted the ones after them down by as many ranks.
      start += scanned - removed;
      if (scanned < chunk) {
        return false;
      }
      if (matches.size() >= need) {
        // Only this namespace's best "need" can reach the page.
        matches.sort(NEWEST_FIRST);
        matches.subList((int) need, matches.size()).clear();
        long boundary = matches.get(matches.size() - 1).updatedMicros();
        // Entries not read yet score at most lastScore. Scores are updated_at rounded to a
        // double, and rounding keeps order, so a lower score means strictly older: none of them
        // could outrank (or tie with) the matches kept.
        if (Double.parseDouble(lastScore) < (double) boundary) {
          return false;
        }
      }
      chunk = Math.min(chunk * 2, MAX_CHUNK);
      return true;
    }
  }
}
