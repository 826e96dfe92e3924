package dev.engram.redis;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.JsonCodec;
import io.lettuce.core.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an item hash, in the order every read fetches them: {@code v} the value's JSON
 * text, {@code c} created_at, {@code u} updated_at, {@code e} expires_at, {@code n} the version and
 * {@code t} the TTL (times in epoch microseconds). {@code e} and {@code t} exist exactly when the
 * item has a TTL.
 */
final class ItemFields {
  static final String[] NAMES = {"v", "c", "u", "e", "n", "t"};
  private static final int VALUE = 0;
  private static final int CREATED = 1;
  private static final int UPDATED = 2;
  private static final int EXPIRES = 3;
  private static final int VERSION = 4;

  private ItemFields() {}

  /** The field values of an HMGET of {@link #NAMES}; null for an absent field. */
  static @Nullable String[] of(List<KeyValue<String, String>> reply) {
    String[] fields = new String[NAMES.length];
    for (int i = 0; i < fields.length && i < reply.size(); i++) {
      fields[i] = reply.get(i).getValueOrElse(null);
    }
    return fields;
  }

  /** The field values a script returned for {@link #NAMES} (null or false for absent fields). */
  static @Nullable String[] ofScript(List<?> reply) {
    String[] fields = new String[NAMES.length];
    for (int i = 0; i < fields.length && i < reply.size(); i++) {
      fields[i] = reply.get(i) instanceof String s ? s : null;
    }
    return fields;
  }

  /** Whether the fields describe an item (the hash existed). */
  static boolean exists(@Nullable String[] fields) {
    return fields[VERSION] != null;
  }

  /** Whether the item exists and has not expired at {@code nowMicros}. */
  static boolean visible(@Nullable String[] fields, long nowMicros) {
    return exists(fields)
        && (fields[EXPIRES] == null || Long.parseLong(fields[EXPIRES]) > nowMicros);
  }

  static String version(@Nullable String[] fields) {
    return fields[VERSION];
  }

  static long updatedMicros(@Nullable String[] fields) {
    return Long.parseLong(fields[UPDATED]);
  }

  /** The item, or null when the fields say it is absent or expired at {@code nowMicros}. */
  static @Nullable Item visibleItem(
      Namespace namespace, String key, @Nullable String[] fields, long nowMicros) {
    return visible(fields, nowMicros) ? item(namespace, key, fields) : null;
  }

  /** The item the fields of an existing hash describe. */
  static Item item(Namespace namespace, String key, @Nullable String[] fields) {
    String expires = fields[EXPIRES];
    return new Item(
        namespace,
        key,
        JsonCodec.parseObject(fields[VALUE], "stored value of " + namespace + "/" + key),
        Micros.instant(fields[CREATED]),
        Micros.instant(fields[UPDATED]),
        expires == null ? null : Micros.instant(expires),
        Long.parseLong(fields[VERSION]));
  }
}
