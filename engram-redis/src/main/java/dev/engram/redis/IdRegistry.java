package dev.engram.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ids of one kind of tagged data (conversations, checkpoint threads) in a sorted set with all
 * scores 0, so that listing pages through it in code point order ({@code ZRANGEBYLEX}: Redis
 * compares members bytewise, which for UTF-8 is code point order) and never needs {@code
 * KEYS}/{@code SCAN}. The set has its own slot ({@code {prefix}}), so it cannot change in the same
 * script as the data; one invariant holds instead: <em>an id whose header exists is registered</em>.
 *
 * <ul>
 *   <li>A writer whose script reports that it created the header registers the id afterwards.
 *   <li>An id is removed only when its header is gone (deleted, or expired natively), and every
 *       removal is followed by a re-check of the header that registers the id again if a writer
 *       created it meanwhile. Whatever the interleaving, either that re-check sees the new header
 *       or the writer's registration comes after the removal.
 * </ul>
 *
 * Stale ids (headers Redis expired natively) are removed lazily by whoever pages over them.
 */
final class IdRegistry {
  /** Ids read per round trip when paging. */
  static final int PAGE = 256;

  private final RedisLink link;
  private final String key;
  private final Function<String, String> header;
  private final String kind;

  /**
   * @param header the header key of an id
   * @param kind names the ids in errors, e.g. {@code "conversation"}
   */
  IdRegistry(RedisLink link, String key, Function<String, String> header, String kind) {
    this.link = link;
    this.key = key;
    this.header = header;
    this.kind = kind;
  }

  /** Registers an id whose header a writer just created. */
  void add(String id) {
    link.call(() -> link.commands().zadd(key, 0, id), "registering " + describe(id));
  }

  /** Forgets an id whose header is gone; registers it again if a writer re-created it meanwhile. */
  void forget(String id) {
    link.call(() -> link.commands().zrem(key, id), "unregistering " + describe(id));
    long exists = link.call(() -> link.commands().exists(header.apply(id)),
        "reading the header of " + describe(id));
    if (exists > 0) {
      add(id);
    }
  }

  /** Up to {@link #PAGE} registered ids after {@code afterId} (null: from the start), in order. */
  List<String> page(@Nullable String afterId) {
    Range<String> range =
        Range.from(
            afterId == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(afterId),
            Range.Boundary.unbounded());
    return link.call(() -> link.commands().zrangebylex(key, range, Limit.create(0, PAGE)),
        "reading the " + kind + " registry");
  }

  /**
   * The given header fields of each id, read in one pipeline (on Cluster, in parallel over the
   * nodes); an array element is null for an absent field (all null: no such header).
   */
  List<String[]> headers(List<String> ids, String... fields) {
    List<Future<List<KeyValue<String, String>>>> replies = new ArrayList<>(ids.size());
    for (String id : ids) {
      replies.add(link.submit(() -> link.commands().hmget(header.apply(id), fields)));
    }
    List<String[]> result = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      List<KeyValue<String, String>> reply = link.await(replies.get(i),
          "reading the header of " + describe(ids.get(i)));
      String[] values = new String[fields.length];
      for (int f = 0; f < values.length && f < reply.size(); f++) {
        values[f] = reply.get(f).getValueOrElse(null);
      }
      result.add(values);
    }
    return result;
  }

  /** The last id of a non-empty page: where the next page starts. */
  static String last(List<String> ids) {
    return ids.get(ids.size() - 1);
  }

  /**
   * Pages through the registry, dropping the ids whose header says they expired at or before
   * {@code nowMicros} and forgetting ids whose header is gone, until {@code limit} are dropped.
   *
   * @param presenceField a header field every live id has
   * @param drop deletes the given ids (rechecking expiry atomically) and says which it deleted
   * @return how many were deleted
   */
  int sweep(
      long nowMicros, int limit, String presenceField, Function<List<String>, List<Boolean>> drop) {
    int deleted = 0;
    for (List<String> ids = page(null); !ids.isEmpty() && deleted < limit; ids = page(last(ids))) {
      List<String[]> headers = headers(ids, presenceField, "e");
      List<String> due = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String[] h = headers.get(i);
        if (h[0] == null) {
          forget(ids.get(i));
        } else if (h[1] != null && Long.parseLong(h[1]) <= nowMicros
            && deleted + due.size() < limit) {
          due.add(ids.get(i));
        }
      }
      List<Boolean> dropped = drop.apply(due);
      for (int i = 0; i < due.size(); i++) {
        if (dropped.get(i)) {
          deleted++;
          forget(due.get(i));
        }
      }
    }
    return deleted;
  }

  String describe(String id) {
    return kind + " \"" + id + "\"";
  }
}
