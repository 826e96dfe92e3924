package dev.engram.sqlite;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.JsonCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Row mapping and time conversion. Instants are stored as epoch microseconds (the engine passes
 * whole microseconds, so nothing is lost); every item query selects {@link #COLUMNS} in this order
 * so rows are read by index, never by name.
 */
final class ItemRows {
  static final String COLUMNS =
      "namespace, key, value, created_at, updated_at, expires_at, version";

  private ItemRows() {}

  /** The item in the current row of a result selecting {@link #COLUMNS}. */
  static Item item(ResultSet rs) throws SQLException {
    return item(rs, Namespace.parse(rs.getString(1)), rs.getString(2));
  }

  /** As {@link #item(ResultSet)}, for a query that knows the address already. */
  static Item item(ResultSet rs, Namespace namespace, String key) throws SQLException {
    return item(rs, namespace, key, value(rs));
  }

  /** The parsed value of the current row. */
  static Map<String, Object> value(ResultSet rs) throws SQLException {
    return JsonCodec.parseObject(rs.getString(3), "stored value");
  }

  /** As {@link #item(ResultSet)}, with the address and the value already read. */
  static Item item(ResultSet rs, Namespace namespace, String key, Map<String, Object> value)
      throws SQLException {
    long expires = rs.getLong(6);
    Instant expiresAt = rs.wasNull() ? null : instant(expires);
    return new Item(
        namespace, key, value, instant(rs.getLong(4)), instant(rs.getLong(5)), expiresAt,
        rs.getLong(7));
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

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
