package dev.engram.sqlite;

import static dev.engram.sqlite.ItemRows.instant;

import dev.engram.conversation.ConversationInfo;
import dev.engram.spi.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Row mapping of the conversation tables: headers select {@link ConversationSql#HEADER}. */
final class ConversationRows {
  private ConversationRows() {}

  /** The header in the current row of a result selecting {@link ConversationSql#HEADER}. */
  static ConversationInfo info(ResultSet rs) throws SQLException {
    long ttl = rs.getLong(5);
    Duration ttlOrNull = rs.wasNull() ? null : Duration.ofNanos(Math.multiplyExact(ttl, 1000L));
    long expires = rs.getLong(6);
    Instant expiresAt = rs.wasNull() ? null : instant(expires);
    return new ConversationInfo(
        rs.getString(1), instant(rs.getLong(2)), instant(rs.getLong(3)), rs.getLong(4),
        ttlOrNull, expiresAt, JsonCodec.parseObject(rs.getString(7), "stored metadata"));
  }

  /** Whether a row with this expiry is visible at {@code nowMicros}. */
  static boolean visible(@Nullable Long expiresMicros, long nowMicros) {
    return expiresMicros == null || expiresMicros > nowMicros;
  }

  /** Binds a nullable long. */
  static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value);
    }
  }

  /** A nullable long column. */
  static @Nullable Long getLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  /** Expiry in micros from now and a TTL, or null without a TTL. */
  static @Nullable Long expiry(long nowMicros, @Nullable Long ttlMicros) {
    return ttlMicros == null ? null : Math.addExact(nowMicros, ttlMicros);
  }
}
