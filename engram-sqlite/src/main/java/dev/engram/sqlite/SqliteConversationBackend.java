package dev.engram.sqlite;

import static dev.engram.sqlite.ItemRows.micros;

import dev.engram.BackendUnavailableException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.spi.ConversationBackend;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.Filter;
import dev.engram.spi.MessageCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations on one SQLite file. Every write is one {@code BEGIN IMMEDIATE} transaction on the
 * writer, so appends from any number of threads and processes are serialized by SQLite's write
 * lock: each reads the conversation row's counter, inserts its messages at the next sequence
 * numbers ({@code ON CONFLICT DO NOTHING} on the message id skips retries) and bumps the counter.
 * Reads run in a read transaction on a reader, so a header and its messages agree.
 */
final class SqliteConversationBackend implements ConversationBackend {
  private static final Logger log = LoggerFactory.getLogger(SqliteConversationBackend.class);

  private final String name;
  private final ConnectionPool pool;

  SqliteConversationBackend(SqliteSettings settings) {
    this.name = settings.storeName();
    this.pool = SqliteDatabase.open(settings, "conversations");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConversationInfo save(
      String id, List<EncodedMessage> messages, EncodedValue metadata, @Nullable Duration ttl,
      Instant now) {
    long nowMicros = micros(now);
    Long ttlMicros = ItemRows.micros(ttl);
    try {
      return pool.transaction(c -> {
        ConversationInfo old = header(c, id, nowMicros, true);
        Instant createdAt = old == null ? now : old.createdAt();
        delete(c, id);
        upsert(c, id, micros(createdAt), nowMicros, ttlMicros, messages.size(), metadata.json());
        insertMessages(c, id, messages, 0);
        return new ConversationInfo(
            id, createdAt, now, messages.size(), ttl,
            ttl == null ? null : now.plus(ttl), metadata.canonical());
      });
    } catch (SQLException e) {
      throw failure("save of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public long append(
      String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Duration ttlIfCreated, Instant now) {
    long nowMicros = micros(now);
    try {
      return pool.transaction(c -> {
        ConversationInfo current = header(c, id, nowMicros, true);
        boolean created = current == null;
        long count = 0;
        if (created) {
          // Absent, or expired: an expired conversation's leftovers go before it starts again.
          delete(c, id);
          upsert(c, id, nowMicros, nowMicros, ItemRows.micros(ttlIfCreated), 0, "{}");
        } else {
          count = current.messageCount();
        }
        int added = insertMessages(c, id, messages, count);
        if (added > 0 || created) {
          PreparedStatement ps = c.prepare(ConversationSql.AFTER_APPEND);
          ps.setLong(1, count + added);
          ps.setBoolean(2, updateTimestamp && added > 0);
          ps.setLong(3, nowMicros);
          ps.setLong(4, nowMicros);
          ps.setString(5, id);
          ps.executeUpdate();
        }
        return count + added;
      });
    } catch (SQLException e) {
      throw failure("append to conversation \"" + id + "\"", e);
    }
  }

  /** Inserts messages after sequence number {@code after}; returns how many were new. */
  private static int insertMessages(
      SqliteConnection c, String id, List<EncodedMessage> messages, long after)
      throws SQLException {
    PreparedStatement ps = c.prepare(ConversationSql.INSERT_MESSAGE);
    int added = 0;
    for (EncodedMessage m : messages) {
      ps.setString(1, id);
      ps.setLong(2, after + added + 1);
      ps.setString(3, m.id());
      ps.setLong(4, micros(m.timestamp()));
      ps.setString(5, m.json());
      added += ps.executeUpdate();
    }
    return added;
  }

  private static void upsert(
      SqliteConnection c, String id, long createdMicros, long nowMicros, @Nullable Long ttlMicros,
      long count, String metadataJson) throws SQLException {
    PreparedStatement ps = c.prepare(ConversationSql.UPSERT);
    ps.setString(1, id);
    ps.setLong(2, createdMicros);
    ps.setLong(3, nowMicros);
    ConversationRows.setLong(ps, 4, ConversationRows.expiry(nowMicros, ttlMicros));
    ConversationRows.setLong(ps, 5, ttlMicros);
    ps.setLong(6, count);
    ps.setString(7, metadataJson);
    ps.executeUpdate();
  }

  /** Deletes the conversation and its messages; returns the expiry of the row (or absent). */
  private static @Nullable Deleted delete(SqliteConnection c, String id) throws SQLException {
    PreparedStatement messages = c.prepare(ConversationSql.DELETE_MESSAGES);
    messages.setString(1, id);
    messages.executeUpdate();
    PreparedStatement ps = c.prepare(ConversationSql.DELETE);
    ps.setString(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Deleted(ConversationRows.getLong(rs, 1)) : null;
    }
  }

  /** A deleted conversation row's expiry in micros (null: none). */
  private record Deleted(@Nullable Long expiresMicros) {}

  /** The header, visible only unless {@code liveOnly} is false; null when there is none. */
  private static @Nullable ConversationInfo header(
      SqliteConnection c, String id, long nowMicros, boolean liveOnly) throws SQLException {
    PreparedStatement ps = c.prepare(liveOnly ? ConversationSql.GET_LIVE : ConversationSql.GET);
    ps.setString(1, id);
    if (liveOnly) {
      ps.setLong(2, nowMicros);
    }
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? ConversationRows.info(rs) : null;
    }
  }

  @Override
  public @Nullable Conversation load(String id, LoadOptions options, Instant now) {
    long nowMicros = micros(now);
    try {
      return pool.readSnapshot(c -> {
        ConversationInfo info = header(c, id, nowMicros, !options.includeExpired());
        if (info == null) {
          return null;
        }
        PreparedStatement ps = c.prepare(ConversationSql.MESSAGES);
        ps.setString(1, id);
        ps.setLong(2, options.after() == null ? Long.MIN_VALUE : micros(options.after()));
        ps.setLong(3, options.lastN() == null ? -1 : options.lastN());
        List<Message> messages = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            messages.add(MessageCodec.decode(rs.getString(1)));
          }
        }
        return new Conversation(info, List.copyOf(messages));
      });
    } catch (SQLException e) {
      throw failure("load of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public @Nullable ConversationInfo info(String id, Instant now) {
    try {
      return pool.read(c -> header(c, id, micros(now), true));
    } catch (SQLException e) {
      throw failure("lookup of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public boolean delete(String id, Instant now) {
    try {
      Deleted deleted = pool.transaction(c -> delete(c, id));
      return deleted != null && ConversationRows.visible(deleted.expiresMicros(), micros(now));
    } catch (SQLException e) {
      throw failure("delete of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public long clear(Instant now) {
    try {
      return pool.transaction(c -> {
        long visible = counts(c, micros(now))[0];
        c.prepare("DELETE FROM messages").executeUpdate();
        c.prepare("DELETE FROM conversations").executeUpdate();
        return visible;
      });
    } catch (SQLException e) {
      throw failure("clearing conversations", e);
    }
  }

  @Override
  public List<ConversationInfo> list(
      @Nullable String afterId, Filter filter, int limit, Instant now) {
    try {
      return pool.read(c -> new ConversationListing(c, filter, micros(now), log, name)
          .page(afterId == null ? "" : afterId, limit));
    } catch (SQLException e) {
      throw failure("listing conversations", e);
    }
  }

  @Override
  public boolean setTtl(String id, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    Long ttlMicros = ItemRows.micros(ttl);
    try {
      return pool.write(c -> {
        PreparedStatement ps = c.prepare(ConversationSql.SET_TTL);
        ConversationRows.setLong(ps, 1, ttlMicros);
        ConversationRows.setLong(ps, 2, ConversationRows.expiry(nowMicros, ttlMicros));
        ps.setString(3, id);
        ps.setLong(4, nowMicros);
        return ps.executeUpdate() == 1;
      });
    } catch (SQLException e) {
      throw failure("TTL change of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public ConversationStats stats(Instant now) {
    long nowMicros = micros(now);
    try {
      return pool.readSnapshot(c -> {
        long[] counts = counts(c, nowMicros);
        PreparedStatement expired = c.prepare(ConversationSql.COUNT_EXPIRED);
        expired.setLong(1, nowMicros);
        long expiredCount;
        try (ResultSet rs = expired.executeQuery()) {
          expiredCount = rs.next() ? rs.getLong(1) : 0;
        }
        return new ConversationStats(counts[0], counts[1], expiredCount, storageBytes(c));
      });
    } catch (SQLException e) {
      throw failure("conversation stats", e);
    }
  }

  /** Visible conversations and their messages. */
  private static long[] counts(SqliteConnection c, long nowMicros) throws SQLException {
    PreparedStatement ps = c.prepare(ConversationSql.COUNT_LIVE);
    ps.setLong(1, nowMicros);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** The tables' pages, or null when this SQLite was built without the dbstat table. */
  private @Nullable Long storageBytes(SqliteConnection c) {
    try (ResultSet rs = c.prepare(ConversationSql.STORAGE_BYTES).executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    } catch (SQLException e) {
      log.debug("{} - no dbstat table, storage size unknown: {}", name, e.getMessage());
      return null;
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      return ExpiredIds.sweep(pool, ConversationSql.EXPIRED_IDS, now, limit, (c, id) -> delete(c, id));
    } catch (SQLException e) {
      throw failure("deleting expired conversations", e);
    }
  }

  @Override
  public void close() {
    pool.close();
    log.info("{} - conversations closed", name);
  }

  private BackendUnavailableException failure(String what, SQLException e) {
    return SqliteDatabase.failure(name, what, e);
  }
}
