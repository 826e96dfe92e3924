package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.micros;

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
import java.sql.Connection;
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
 * Conversations on one schema of a PostgreSQL database. An append of new messages is one
 * statement in autocommit, one round trip whatever the conversation's length ({@link
 * ConversationSql#append}): it creates the conversation row or bumps its counter and inserts the
 * messages numbered below the new counter. The row lock its write takes is what orders appends
 * from any number of processes and keeps their numbers distinct; the unique message id makes a
 * retried append a no-op. When a message of the call is there already (a retry), the
 * conversation has expired, or another writer's message collides with the call's, the statement
 * writes nothing and the append runs as a transaction instead: it locks the row ({@code SELECT
 * ... FOR UPDATE}, creating it when absent), then inserts what is new and bumps the counter in one
 * statement. Loads read the header and the messages in one snapshot.
 */
final class PostgresConversationBackend implements ConversationBackend {
  private static final Logger log = LoggerFactory.getLogger(PostgresConversationBackend.class);

  private final String name;
  private final Connections connections;
  private final ConversationSql sql;
  private final Failures failures;

  private PostgresConversationBackend(PostgresSettings settings, Connections connections) {
    this.name = settings.storeName();
    this.connections = connections;
    this.sql = new ConversationSql(settings.schema());
    this.failures = new Failures(settings);
  }

  static PostgresConversationBackend open(PostgresSettings settings) {
    return new PostgresConversationBackend(
        settings, PostgresDatabase.open(settings, "conversations"));
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
    Long expires = ItemRows.expiry(nowMicros, ttlMicros);
    try {
      long createdMicros = connections.transaction(c -> {
        long created;
        // The upsert takes the row lock before the messages are replaced.
        try (PreparedStatement ps = c.prepareStatement(sql.upsert)) {
          ps.setString(1, id);
          ps.setLong(2, nowMicros);
          ps.setLong(3, nowMicros);
          ItemRows.setNullableLong(ps, 4, expires);
          ItemRows.setNullableLong(ps, 5, ttlMicros);
          ps.setLong(6, messages.size());
          ps.setString(7, metadata.json());
          ps.setString(8, JsonbCopy.copyOf(metadata));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            created = rs.getLong(1);
          }
        }
        execute(c, sql.deleteMessages, id);
        if (!messages.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(sql.insertMessages)) {
            ConversationRows.bindMessages(c, ps, 1, id, 0, messages);
            ps.execute();
          }
        }
        return created;
      });
      return new ConversationInfo(
          id, ItemRows.instant(createdMicros), now, messages.size(), ttl,
          ttl == null ? null : now.plus(ttl), metadata.canonical());
    } catch (SQLException e) {
      throw failures.of("save of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public long append(
      String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Duration ttlIfCreated, Instant now) {
    long nowMicros = micros(now);
    Long ttlMicros = ItemRows.micros(ttlIfCreated);
    try {
      // Inside a batch's transaction a failed statement would abort the whole transaction, so
      // there the locked path does the work by itself; so it does for an empty call, a read.
      if (!messages.isEmpty() && !connections.inTransaction()) {
        Long count = connections.run(
            c -> appendAlone(c, id, messages, updateTimestamp, ttlMicros, nowMicros));
        if (count != null) {
          return count;
        }
      }
      return connections.transaction(
          c -> appendLocked(c, id, messages, updateTimestamp, ttlMicros, nowMicros));
    } catch (SQLException e) {
      throw failures.of("append to conversation \"" + id + "\"", e);
    }
  }

  /**
   * The append as one autocommit statement ({@link ConversationSql#append}).
   *
   * @return the message count afterwards, or null when the statement left everything as it was
   *     and the locked path must do the append
   */
  private @Nullable Long appendAlone(
      Connection c, String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Long ttlMicros, long nowMicros) throws SQLException {
    int n = messages.size();
    boolean inline = ConversationSql.inline(n);
    try (PreparedStatement ps = c.prepareStatement(sql.append(n))) {
      int i = 1;
      ps.setLong(i++, n);
      ps.setBoolean(i++, updateTimestamp);
      ps.setLong(i++, nowMicros);
      ps.setLong(i++, nowMicros);
      ps.setString(i++, id);
      ps.setLong(i++, nowMicros);
      ps.setString(i++, id);
      i = ConversationRows.bindIds(c, ps, i, messages, inline);
      ps.setString(i++, id);
      ps.setLong(i++, nowMicros);
      ps.setLong(i++, nowMicros);
      ItemRows.setNullableLong(ps, i++, ItemRows.expiry(nowMicros, ttlMicros));
      ItemRows.setNullableLong(ps, i++, ttlMicros);
      ps.setLong(i++, n);
      ps.setString(i++, id);
      ps.setLong(i++, n);
      ConversationRows.bindSource(c, ps, i, messages, inline);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        // An id the snapshot did not show was there by the time the statement held the row
        // (a concurrent writer's), or came twice in the call. The statement was undone as a
        // whole, and the locked path, which reads after taking the lock and skips ids already
        // there, does the append.
        log.debug("{} - append to conversation \"{}\" falls back to the locked path", name, id, e);
        return null;
      }
      throw e;
    }
  }

  /** The append as a transaction that locks the conversation row first. */
  private long appendLocked(
      Connection c, String id, List<EncodedMessage> messages, boolean updateTimestamp,
      @Nullable Long ttlMicros, long nowMicros) throws SQLException {
    long count = lockOrCreate(c, id, nowMicros, ttlMicros);
    if (messages.isEmpty()) {
      return count;
    }
    try (PreparedStatement ps = c.prepareStatement(sql.appendMessages)) {
      int i = ConversationRows.bindMessages(c, ps, 1, id, count, messages);
      ps.setBoolean(i++, updateTimestamp);
      ps.setLong(i++, nowMicros);
      ps.setLong(i++, nowMicros);
      ps.setString(i, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : count; // no row: every message was there already
      }
    }
  }

  /**
   * Locks the visible conversation's row and returns its message count; an absent one is created
   * empty (and an expired one removed first, with its messages), returning 0.
   */
  private long lockOrCreate(Connection c, String id, long nowMicros, @Nullable Long ttlMicros)
      throws SQLException {
    while (true) {
      try (PreparedStatement ps = c.prepareStatement(sql.lockHeader)) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            long count = rs.getLong(1);
            if (ItemRows.visible(ItemRows.nullableLong(rs, 2), nowMicros)) {
              return count;
            }
            rs.close();
            execute(c, sql.delete, id); // expired: starts again, its messages go by cascade
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(sql.create)) {
        ps.setString(1, id);
        ps.setLong(2, nowMicros);
        ps.setLong(3, nowMicros);
        ItemRows.setNullableLong(ps, 4, ItemRows.expiry(nowMicros, ttlMicros));
        ItemRows.setNullableLong(ps, 5, ttlMicros);
        if (ps.executeUpdate() == 1) {
          return 0; // created, and locked by this transaction's insert
        }
      }
      // Another transaction created it meanwhile: lock that row instead.
    }
  }

  /** Runs a statement whose one parameter is the conversation id, ignoring what it returns. */
  private static void execute(Connection c, String statement, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setString(1, id);
      ps.execute();
    }
  }

  /** The header, visible only unless {@code liveOnly} is false; null when there is none. */
  private @Nullable ConversationInfo header(
      Connection c, String id, long nowMicros, boolean liveOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(liveOnly ? sql.headerLive : sql.header)) {
      ps.setString(1, id);
      if (liveOnly) {
        ps.setLong(2, nowMicros);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? ConversationRows.info(rs) : null;
      }
    }
  }

  @Override
  public @Nullable Conversation load(String id, LoadOptions options, Instant now) {
    long nowMicros = micros(now);
    try {
      return connections.snapshot(c -> {
        ConversationInfo info = header(c, id, nowMicros, !options.includeExpired());
        if (info == null) {
          return null;
        }
        List<Message> messages = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.load)) {
          ps.setString(1, id);
          ps.setLong(2, options.after() == null ? Long.MIN_VALUE : micros(options.after()));
          ItemRows.setNullableLong(ps, 3, options.lastN() == null ? null : (long) options.lastN());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              messages.add(MessageCodec.decode(rs.getString(1)));
            }
          }
        }
        return new Conversation(info, List.copyOf(messages));
      });
    } catch (SQLException e) {
      throw failures.of("load of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public @Nullable ConversationInfo info(String id, Instant now) {
    try {
      return connections.run(c -> header(c, id, micros(now), true));
    } catch (SQLException e) {
      throw failures.of("lookup of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public boolean delete(String id, Instant now) {
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.delete)) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                && ItemRows.visible(ItemRows.nullableLong(rs, 1), micros(now));
          }
        }
      });
    } catch (SQLException e) {
      throw failures.of("delete of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public long clear(Instant now) {
    try {
      return connections.transaction(c -> {
        try (PreparedStatement messages = c.prepareStatement(sql.clearMessages);
            PreparedStatement ps = c.prepareStatement(sql.clearConversations)) {
          messages.executeUpdate();
          ps.setLong(1, micros(now));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
    } catch (SQLException e) {
      throw failures.of("clearing conversations", e);
    }
  }

  @Override
  public List<ConversationInfo> list(
      @Nullable String afterId, Filter filter, int limit, Instant now) {
    try {
      return connections.run(c -> page(c, afterId == null ? "" : afterId, filter, limit, micros(now)));
    } catch (SQLException e) {
      throw failures.of("listing conversations", e);
    }
  }

  /**
   * One page in id order, the filter pushed down ({@link FilterSql}) and every candidate checked
   * with {@link Filter#matches}: metadata without a jsonb copy, or a condition that could not be
   * pushed, lets extra rows through, which costs another chunk after the last id seen, never a
   * wrong page.
   */
  private List<ConversationInfo> page(
      Connection c, String afterId, Filter filter, int limit, long nowMicros) throws SQLException {
    FilterSql.Compiled pushed = FilterSql.compile(filter, "metadata_jsonb");
    List<ConversationInfo> page = new ArrayList<>();
    String after = afterId;
    try (PreparedStatement ps = c.prepareStatement(sql.listHead + pushed.sql() + sql.listTail)) {
      while (true) {
        int i = 1;
        ps.setString(i++, after);
        ps.setLong(i++, nowMicros);
        i = FilterBinds.bind(c, ps, i, pushed.binds());
        ps.setInt(i, limit);
        int read = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            read++;
            ConversationInfo info = ConversationRows.info(rs);
            after = info.id();
            if (filter.matches(info.metadata())) {
              page.add(info);
              if (page.size() == limit) {
                return page;
              }
            }
          }
        }
        if (read < limit) {
          return page;
        }
      }
    }
  }

  @Override
  public boolean setTtl(String id, @Nullable Duration ttl, Instant now) {
    long nowMicros = micros(now);
    Long ttlMicros = ItemRows.micros(ttl);
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.setTtl)) {
          ItemRows.setNullableLong(ps, 1, ttlMicros);
          ItemRows.setNullableLong(ps, 2, ItemRows.expiry(nowMicros, ttlMicros));
          ps.setString(3, id);
          ps.setLong(4, nowMicros);
          return ps.executeUpdate() == 1;
        }
      });
    } catch (SQLException e) {
      throw failures.of("TTL change of conversation \"" + id + "\"", e);
    }
  }

  @Override
  public ConversationStats stats(Instant now) {
    long nowMicros = micros(now);
    try {
      return connections.run(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql.stats)) {
          ps.setLong(1, nowMicros);
          ps.setLong(2, nowMicros);
          ps.setLong(3, nowMicros);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ConversationStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
          }
        }
      });
    } catch (SQLException e) {
      throw failures.of("conversation stats", e);
    }
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    try {
      return connections.sweep(sql.deleteExpired, micros(now), limit);
    } catch (SQLException e) {
      throw failures.of("deleting expired conversations", e);
    }
  }

  @Override
  public void close() {
    connections.close();
    log.info("{} - conversations closed", name);
  }
}
