package dev.engram.postgres;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Row mapping and time conversion. Instants are stored as epoch microseconds (the engine passes
 * whole microseconds, so nothing is lost, and no time zone or driver conversion is involved); every
 * item query selects {@link #COLUMNS} in this order so rows are read by index, never by name.
 */
final class ItemRows {
  static final String COLUMNS =
      "namespace, key, value, created_at, updated_at, expires_at, version";

  private ItemRows() {}

  /** The item in the current row of a result selecting {@link #COLUMNS}. */
  static Item item(ResultSet rs) throws SQLException {
    return item(rs, Namespace.parse(rs.getString(1)), rs.getString(2), value(rs));
  }

  /**
   * The parsed value of the current row: the exact text, not the jsonb copy. Read as the UTF-8
   * bytes the server sent (the driver hands a text column's bytes over as they came), which the
   * JSON parser reads directly instead of a decoded String.
   */
  static Map<String, Object> value(ResultSet rs) throws SQLException {
    return JsonCodec.parseObject(rs.getBytes(3), "stored value");
  }

  /** As {@link #item(ResultSet)}, with the address and the value already known. */
  static Item item(ResultSet rs, Namespace namespace, String key, Map<String, Object> value)
      throws SQLException {
    return new Item(
        namespace, key, value, instant(rs.getLong(4)), instant(rs.getLong(5)),
        nullableInstant(rs, 6), rs.getLong(7));
  }

  static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? null : instant(micros);
  }

  static void setNullableLong(PreparedStatement ps, int index, @Nullable Long value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static @Nullable Long micros(@Nullable Duration duration) {
    if (duration == null) {
      return null;
    }
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
  }

  static @Nullable Long nullableMicros(@Nullable Instant instant) {
    return instant == null ? null : micros(instant);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** Whether a row with this expiry is visible at {@code nowMicros}. */
  static boolean visible(@Nullable Long expiresMicros, long nowMicros) {
    return expiresMicros == null || expiresMicros > nowMicros;
  }

  /** Expiry in micros from now and a TTL, or null without a TTL. */
  static @Nullable Long expiry(long nowMicros, @Nullable Long ttlMicros) {
    return ttlMicros == null ? null : Math.addExact(nowMicros, ttlMicros);
  }
}
