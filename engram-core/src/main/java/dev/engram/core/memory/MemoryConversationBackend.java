package dev.engram.core.memory;

import dev.engram.TextOrder;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference backend for conversations. One lock guards everything, which gives
 * concurrent appends their total order for free. Two maps index the same conversations: one in
 * access order, so the least recently used conversation is found and evicted in O(1) when {@code
 * maxConversations} is exceeded; one sorted by id, for listing.
 */
final class MemoryConversationBackend implements ConversationBackend {
  private final String name;
  private final int maxConversations;
  private final Object lock = new Object();
  private final LinkedHashMap<String, MemoryConversation> byRecency =
      new LinkedHashMap<>(16, 0.75f, true);
  private final TreeMap<String, MemoryConversation> byId = new TreeMap<>(TextOrder.CODE_POINT);

  /** @param maxConversations how many conversations to keep before evicting; MAX_VALUE: no bound */
  MemoryConversationBackend(String name, int maxConversations) {
    this.name = name;
    this.maxConversations = maxConversations;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConversationInfo save(
      String id, List<EncodedMessage> messages, EncodedValue metadata, @Nullable Duration ttl,
      Instant now) {
    synchronized (lock) {
      MemoryConversation old = visible(id, now);
      MemoryConversation fresh =
          new MemoryConversation(
              id, old == null ? now : old.createdAt, now, ttl, metadata.canonical());
      messages.forEach(m -> fresh.add(m.message()));
      store(fresh);
      return fresh.info();
    }
  }

  @Override
  public long append(
      String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Duration ttlIfCreated, Instant now) {
    synchronized (lock) {
      MemoryConversation conversation = visible(id, now);
      boolean created = conversation == null;
      if (created) {
        conversation = new MemoryConversation(id, now, now, ttlIfCreated, Map.of());
        store(conversation);
      }
      boolean added = false;
      for (EncodedMessage message : messages) {
        added |= conversation.add(message.message());
      }
      if (added && updateTimestamp) {
        conversation.updatedAt = now;
      }
      if (added || created) {
        conversation.setTtl(conversation.ttl, now);
      }
      return conversation.messages.size();
    }
  }

  @Override
  public @Nullable Conversation load(String id, LoadOptions options, Instant now) {
    synchronized (lock) {
      MemoryConversation conversation = byRecency.get(id);
      if (conversation == null || !(options.includeExpired() || conversation.visibleAt(now))) {
        return null;
      }
      List<Message> selected = conversation.messages;
      if (options.after() != null) {
        selected =
            selected.stream().filter(m -> m.timestamp().isAfter(options.after())).toList();
      }
      if (options.lastN() != null && selected.size() > options.lastN()) {
        selected = selected.subList(selected.size() - options.lastN(), selected.size());
      }
      return new Conversation(conversation.info(), List.copyOf(selected));
    }
  }

  @Override
  public @Nullable ConversationInfo info(String id, Instant now) {
    synchronized (lock) {
      MemoryConversation conversation = visible(id, now);
      return conversation == null ? null : conversation.info();
    }
  }

  @Override
  public boolean delete(String id, Instant now) {
    synchronized (lock) {
      MemoryConversation removed = byRecency.remove(id);
      byId.remove(id);
      return removed != null && removed.visibleAt(now);
    }
  }

  @Override
  public long clear(Instant now) {
    synchronized (lock) {
      long visible = byId.values().stream().filter(c -> c.visibleAt(now)).count();
      byRecency.clear();
      byId.clear();
      return visible;
    }
  }

  @Override
  public List<ConversationInfo> list(
      @Nullable String afterId, Filter filter, int limit, Instant now) {
    synchronized (lock) {
      List<ConversationInfo> page = new ArrayList<>();
      var candidates = afterId == null ? byId.values() : byId.tailMap(afterId, false).values();
      for (MemoryConversation c : candidates) {
        if (page.size() >= limit) {
          break;
        }
        if (c.visibleAt(now) && filter.matches(c.metadata)) {
          page.add(c.info());
        }
      }
      return page;
    }
  }

  @Override
  public boolean setTtl(String id, @Nullable Duration ttl, Instant now) {
    synchronized (lock) {
      MemoryConversation conversation = visible(id, now);
      if (conversation == null) {
        return false;
      }
      conversation.setTtl(ttl, now);
      return true;
    }
  }

  @Override
  public ConversationStats stats(Instant now) {
    synchronized (lock) {
      long conversations = 0;
      long messages = 0;
      long expired = 0;
      for (MemoryConversation c : byId.values()) {
        if (c.visibleAt(now)) {
          conversations++;
          messages += c.messages.size();
        } else {
          expired++;
        }
      }
      return new ConversationStats(conversations, messages, expired, null);
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    synchronized (lock) {
      int removed = 0;
      for (Iterator<MemoryConversation> it = byId.values().iterator();
          it.hasNext() && removed < limit; ) {
        MemoryConversation c = it.next();
        if (!c.visibleAt(now)) {
          it.remove();
          byRecency.remove(c.id);
          removed++;
        }
      }
      return removed;
    }
  }

  /** The visible conversation, counted as an access for eviction; null when absent or expired. */
  private @Nullable MemoryConversation visible(String id, Instant now) {
    MemoryConversation conversation = byRecency.get(id);
    return conversation != null && conversation.visibleAt(now) ? conversation : null;
  }

  /** Adds or replaces a conversation, evicting the least recently used beyond the bound. */
  private void store(MemoryConversation conversation) {
    byRecency.put(conversation.id, conversation);
    byId.put(conversation.id, conversation);
    if (byRecency.size() > maxConversations) {
      Iterator<MemoryConversation> eldest = byRecency.values().iterator();
      String evicted = eldest.next().id;
      eldest.remove();
      byId.remove(evicted);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      byRecency.clear();
      byId.clear();
    }
  }
}
