package dev.engram.redis;

import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.MessageCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations on Redis, standalone or Cluster. Each conversation's keys share the hash tag
 * {@code {prefix:c:ID}} (layout in {@code conversation.lua}): a header hash, a list of message JSON
 * texts and a set of message ids. Every write is one Lua script on that slot, so an append is
 * atomic and O(messages appended) (a set lookup and an {@code RPUSH} per new message, plus the
 * counter), and concurrent appends get one total order. Listing pages through the id registry
 * ({@link IdRegistry}); metadata filters are checked client-side with {@link Filter#matches}.
 *
 * <p>Visibility is always judged against the engine's {@code now}; native expiry ({@code
 * PEXPIREAT} on all three keys, when ahead of the server's clock) only frees memory.
 */
final class RedisConversationBackend implements ConversationBackend {
  private static final Logger log = LoggerFactory.getLogger(RedisConversationBackend.class);
  /** Header fields in the order {@link #info} parses them. */
  private static final String[] HEADER = {"c", "u", "n", "m", "t", "e"};

  private final String name;
  private final RedisLink link;
  private final Keys keys;
  private final IdRegistry registry;

  private RedisConversationBackend(RedisSettings settings, RedisLink link) {
    this.name = settings.storeName();
    this.link = link;
    this.keys = new Keys(settings.prefix());
    this.registry =
        new IdRegistry(link, keys.conversations(), id -> keys.conversation(id).header(),
            "conversation");
  }

  static RedisConversationBackend open(RedisSettings settings) {
    RedisLink link = RedisLink.open(settings);
    log.info("{} - conversations opened", settings.storeName());
    return new RedisConversationBackend(settings, link);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConversationInfo save(
      String id, List<EncodedMessage> messages, EncodedValue metadata, @Nullable Duration ttl,
      Instant now) {
    List<String> args = new ArrayList<>(4 + 2 * messages.size());
    args.add(tag(id));
    args.add(Micros.text(now));
    args.add(ttl == null ? "" : Micros.text(ttl));
    args.add(metadata.json());
    addMessages(args, messages);
    List<Object> reply = run(LuaScript.CONV_SAVE, id, args, "save");
    if (ScriptCall.flag(reply.get(1))) {
      registry.add(id);
    }
    return new ConversationInfo(id, Micros.instant((String) reply.get(0)), now, messages.size(),
        ttl, ttl == null ? null : now.plus(ttl), metadata.canonical());
  }

  @Override
  public long append(
      String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Duration ttlIfCreated, Instant now) {
    List<String> args = new ArrayList<>(4 + 2 * messages.size());
    args.add(tag(id));
    args.add(Micros.text(now));
    args.add(ttlIfCreated == null ? "" : Micros.text(ttlIfCreated));
    args.add(updateTimestamp ? "1" : "0");
    addMessages(args, messages);
    List<Object> reply = run(LuaScript.CONV_APPEND, id, args, "append");
    if (ScriptCall.flag(reply.get(1))) {
      registry.add(id);
    }
    return (Long) reply.get(0);
  }

  @Override
  public @Nullable Conversation load(String id, LoadOptions options, Instant now) {
    // Without "after", lastN is a tail of the list: only that much is transferred.
    String from =
        options.lastN() == null || options.after() != null
            ? "0"
            : options.lastN() == 0 ? "" : Integer.toString(-options.lastN());
    List<Object> reply = run(LuaScript.CONV_READ, id, List.of(tag(id), from), "load");
    if (reply.isEmpty()) {
      return null;
    }
    String[] header = new String[HEADER.length];
    for (int i = 0; i < header.length; i++) {
      String field = (String) reply.get(i);
      header[i] = field.isEmpty() ? null : field;
    }
    ConversationInfo info = info(id, header);
    if (!options.includeExpired() && !visible(info, now)) {
      return null;
    }
    List<Message> messages = new ArrayList<>(reply.size() - HEADER.length);
    for (Object json : reply.subList(HEADER.length, reply.size())) {
      Message message = MessageCodec.decode((String) json);
      if (options.after() == null || message.timestamp().isAfter(options.after())) {
        messages.add(message);
      }
    }
    if (options.lastN() != null && messages.size() > options.lastN()) {
      messages = messages.subList(messages.size() - options.lastN(), messages.size());
    }
    return new Conversation(info, List.copyOf(messages));
  }

  @Override
  public @Nullable ConversationInfo info(String id, Instant now) {
    String[] header = registry.headers(List.of(id), HEADER).get(0);
    if (header[0] == null) {
      return null;
    }
    ConversationInfo info = info(id, header);
    return visible(info, now) ? info : null;
  }

  @Override
  public boolean delete(String id, Instant now) {
    List<Object> reply = drop(List.of(id), now, "any").get(0);
    registry.forget(id);
    return ScriptCall.flag(reply.get(0));
  }

  @Override
  public long clear(Instant now) {
    long visible = 0;
    for (List<String> ids = registry.page(null); !ids.isEmpty(); ids = registry.page(IdRegistry.last(ids))) {
      List<List<Object>> replies = drop(ids, now, "any");
      for (int i = 0; i < ids.size(); i++) {
        visible += ScriptCall.flag(replies.get(i).get(0)) ? 1 : 0;
        registry.forget(ids.get(i));
      }
    }
    return visible;
  }

  @Override
  public List<ConversationInfo> list(
      @Nullable String afterId, Filter filter, int limit, Instant now) {
    List<ConversationInfo> page = new ArrayList<>();
    for (List<String> ids = registry.page(afterId);
        !ids.isEmpty() && page.size() < limit;
        ids = registry.page(IdRegistry.last(ids))) {
      List<String[]> headers = registry.headers(ids, HEADER);
      for (int i = 0; i < ids.size() && page.size() < limit; i++) {
        if (headers.get(i)[0] == null) {
          registry.forget(ids.get(i)); // expired natively or deleted: a stale registry entry
          continue;
        }
        ConversationInfo info = info(ids.get(i), headers.get(i));
        if (visible(info, now) && filter.matches(info.metadata())) {
          page.add(info);
        }
      }
    }
    return page;
  }

  @Override
  public boolean setTtl(String id, @Nullable Duration ttl, Instant now) {
    List<Object> reply =
        run(LuaScript.CONV_TTL, id,
            List.of(tag(id), Micros.text(now), ttl == null ? "" : Micros.text(ttl)), "setTtl");
    return ScriptCall.flag(reply.get(0));
  }

  /** Reads every header (the registry in pages, headers pipelined): O(conversations). */
  @Override
  public ConversationStats stats(Instant now) {
    long conversations = 0;
    long messages = 0;
    long expired = 0;
    for (List<String> ids = registry.page(null); !ids.isEmpty(); ids = registry.page(IdRegistry.last(ids))) {
      List<String[]> headers = registry.headers(ids, "n", "e");
      for (int i = 0; i < ids.size(); i++) {
        String[] h = headers.get(i);
        if (h[0] == null) {
          registry.forget(ids.get(i));
        } else if (h[1] == null || Micros.of(now) < Long.parseLong(h[1])) {
          conversations++;
          messages += Long.parseLong(h[0]);
        } else {
          expired++;
        }
      }
    }
    return new ConversationStats(conversations, messages, expired, null);
  }

  /**
   * Pages through the registry, deleting conversations expired at {@code now} (the script checks
   * again, atomically with the delete) and forgetting stale ids, until {@code limit} are deleted.
   */
  @Override
  public int deleteExpired(Instant now, int limit) {
    return registry.sweep(Micros.of(now), limit, "c", due ->
        drop(due, now, "expired").stream().map(reply -> ScriptCall.flag(reply.get(1))).toList());
  }

  /** Runs {@code conv_drop} on each conversation, pipelined. */
  private List<List<Object>> drop(List<String> ids, Instant now, String mode) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(call(LuaScript.CONV_DROP, id, List.of(tag(id), Micros.text(now), mode), "delete"));
    }
    return link.evalAll(calls);
  }

  private List<Object> run(LuaScript script, String id, List<String> args, String operation) {
    return link.eval(call(script, id, args, operation));
  }

  private ScriptCall call(LuaScript script, String id, List<String> args, String operation) {
    return new ScriptCall(script, new String[] {keys.conversation(id).header()},
        args.toArray(String[]::new), operation + " of " + registry.describe(id));
  }

  private String tag(String id) {
    return keys.conversation(id).tag();
  }

  private static void addMessages(List<String> args, List<EncodedMessage> messages) {
    for (EncodedMessage message : messages) {
      args.add(message.id());
      args.add(message.json());
    }
  }

  /** A header read as {@link #HEADER}. */
  private ConversationInfo info(String id, @Nullable String[] h) {
    return new ConversationInfo(
        id,
        Micros.instant(h[0]),
        Micros.instant(h[1]),
        Long.parseLong(h[2]),
        h[4] == null ? null : Micros.duration(h[4]),
        h[5] == null ? null : Micros.instant(h[5]),
        JsonCodec.parseObject(h[3], "metadata of " + registry.describe(id)));
  }

  private static boolean visible(ConversationInfo info, Instant now) {
    return info.expiresAt() == null || info.expiresAt().isAfter(now);
  }

  @Override
  public void close() {
    link.close();
    log.info("{} - conversations closed", name);
  }

  @Override
  public String toString() {
    return "RedisConversationBackend[" + name + "]";
  }
}
