package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
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
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.JsonCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ConversationStore} every backend shares: validates input, assigns message ids and
 * timestamps, resolves TTLs, reads the clock, and leaves storing and fetching to a {@link
 * ConversationBackend}.
 */
final class EngineConversationStore implements ConversationStore {
  private final ConversationBackend backend;
  private final ConversationSettings settings;
  private final MessageInputs messages;
  private final EngineClock clock;
  private final @Nullable Sweeper sweeper;

  EngineConversationStore(ConversationBackend backend, ConversationSettings settings) {
    this.backend = backend;
    this.settings = settings;
    this.messages = new MessageInputs(settings.maxMessageBytes());
    this.clock = new EngineClock(settings.clock(), "conversation store " + backend.name());
    this.sweeper =
        settings.sweepInterval() == null
            ? null
            : new Sweeper(backend.name() + " conversations", settings.sweepInterval(), this::cleanup);
  }

  @Override
  public ConversationInfo save(String id, List<Message> messages, SaveOptions options) {
    checkId(id);
    if (options == null) {
      throw new InvalidInputException("save options must not be null (use SaveOptions.defaults())");
    }
    Instant now = clock.now();
    List<EncodedMessage> encoded = this.messages.encode(id, messages, now, false);
    EncodedValue metadata =
        JsonCodec.encode(options.metadata(), "conversation \"" + id + "\" metadata");
    Duration ttl =
        options.noExpiry()
            ? null
            : options.ttl() != null ? IdInputs.micros(options.ttl()) : settings.defaultTtl();
    return backend.save(id, encoded, metadata, ttl, now);
  }

  @Override
  public Optional<Conversation> load(String id, LoadOptions options) {
    checkId(id);
    if (options == null) {
      throw new InvalidInputException("load options must not be null (use LoadOptions.defaults())");
    }
    return Optional.ofNullable(backend.load(id, options, clock.now()));
  }

  @Override
  public long append(String id, List<Message> messages, AppendOptions options) {
    checkId(id);
    if (options == null) {
      throw new InvalidInputException(
          "append options must not be null (use AppendOptions.defaults())");
    }
    Instant now = clock.now();
    List<EncodedMessage> encoded = this.messages.encode(id, messages, now, true);
    return backend.append(id, encoded, options.updateTimestamp(), settings.defaultTtl(), now);
  }

  @Override
  public boolean delete(String id) {
    checkId(id);
    return backend.delete(id, clock.now());
  }

  @Override
  public long clear() {
    return backend.clear(clock.now());
  }

  @Override
  public ConversationPage list(ConversationQuery query) {
    if (query == null) {
      throw new InvalidInputException(
          "conversation query must not be null (use ConversationQuery.firstPage())");
    }
    Filter filter = Filter.parse(query.metadataFilter());
    String afterId = Cursors.decode(query.cursor());
    // One more than the page tells whether another page follows, without a second query.
    List<ConversationInfo> found = backend.list(afterId, filter, query.limit() + 1, clock.now());
    if (found.size() <= query.limit()) {
      return new ConversationPage(List.copyOf(found), null);
    }
    List<ConversationInfo> page = List.copyOf(found.subList(0, query.limit()));
    return new ConversationPage(page, Cursors.encode(page.get(page.size() - 1).id()));
  }

  @Override
  public boolean exists(String id) {
    checkId(id);
    return backend.info(id, clock.now()) != null;
  }

  @Override
  public ConversationStats stats() {
    return backend.stats(clock.now());
  }

  @Override
  public Optional<Duration> getTtl(String id) {
    checkId(id);
    Instant now = clock.now();
    ConversationInfo info = backend.info(id, now);
    if (info == null) {
      throw noSuchConversation(id);
    }
    return info.expiresAt() == null
        ? Optional.empty()
        : Optional.of(Duration.between(now, info.expiresAt()));
  }

  @Override
  public void setTtl(String id, @Nullable Duration ttl) {
    checkId(id);
    Duration resolved = IdInputs.micros(SettingChecks.optionalTtl(ttl, "ttl"));
    if (!backend.setTtl(id, resolved, clock.now())) {
      throw noSuchConversation(id);
    }
  }

  @Override
  public long cleanup() {
    long removed = 0;
    int round;
    do {
      round = backend.deleteExpired(clock.now(), settings.sweepBatchSize());
      removed += round;
    } while (round >= settings.sweepBatchSize());
    return removed;
  }

  private static void checkId(String id) {
    IdInputs.id(id, "conversation id");
  }

  private NotFoundException noSuchConversation(String id) {
    return new NotFoundException(
        "no conversation \"" + id + "\" in " + backend.name() + " (absent or expired)");
  }

  @Override
  public void close() {
    if (!clock.close()) {
      return;
    }
    try {
      if (sweeper != null) {
        sweeper.close();
      }
    } finally {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "ConversationStore[" + backend.name() + "]";
  }
}
