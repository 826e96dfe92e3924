package dev.engram.server;

import dev.engram.conversation.AppendOptions;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationPage;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.conversation.SaveOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The conversations one principal may see: ids outside its grants are refused (403) before the
 * store is asked, listings hold only its own ids, and what spans every tenant (stats, clearing
 * everything) needs a key without grants. A {@link ConversationStore} itself, so the export reads
 * through it unchanged. Closing it leaves the server's store open.
 */
final class TenantConversations implements ConversationStore {
  private static final String ID = "conversation id";

  private final ConversationStore store;
  private final IdGrants grants;

  TenantConversations(ConversationStore store, Principal principal) {
    this.store = store;
    this.grants = new IdGrants(principal);
  }

  @Override
  public ConversationInfo save(String id, List<Message> messages, SaveOptions options) {
    return store.save(grants.require(id, ID), messages, options);
  }

  @Override
  public Optional<Conversation> load(String id, LoadOptions options) {
    return store.load(grants.require(id, ID), options);
  }

  @Override
  public long append(String id, List<Message> messages, AppendOptions options) {
    return store.append(grants.require(id, ID), messages, options);
  }

  @Override
  public boolean delete(String id) {
    return store.delete(grants.require(id, ID));
  }

  @Override
  public long clear() {
    grants.requireUnrestricted("deleting every conversation");
    return store.clear();
  }

  @Override
  public ConversationPage list(ConversationQuery query) {
    if (grants.unrestricted()) {
      return store.list(query);
    }
    IdGrants.Page<ConversationInfo> page = IdGrants.firstOwned(query.cursor(), cursor -> {
      ConversationPage read = store.list(ConversationQuery.builder().limit(query.limit())
          .cursor(cursor).metadataFilter(query.metadataFilter()).build());
      return new IdGrants.Page<>(read.conversations(), read.nextCursor());
    }, info -> grants.owned().test(info.id()));
    return new ConversationPage(page.items(), page.nextCursor());
  }

  @Override
  public boolean exists(String id) {
    return store.exists(grants.require(id, ID));
  }

  @Override
  public ConversationStats stats() {
    grants.requireUnrestricted("conversation stats");
    return store.stats();
  }

  @Override
  public Optional<Duration> getTtl(String id) {
    return store.getTtl(grants.require(id, ID));
  }

  @Override
  public void setTtl(String id, @Nullable Duration ttl) {
    store.setTtl(grants.require(id, ID), ttl);
  }

  /** Deletes expired conversations of every tenant: they are invisible to all of them already. */
  @Override
  public long cleanup() {
    return store.cleanup();
  }

  @Override
  public void close() {
    // The server's store outlives every request.
  }
}
