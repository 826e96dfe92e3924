package dev.engram.redis;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.VersionConflictException;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The script calls of single-item operations and the meaning of their replies, shared by the
 * blocking operations and the pipelined batch.
 */
final class ItemCommands {
  /** The epoch a put passes before it has looked at the namespace's registration. */
  static final String NOT_LOOKED = "-";

  private final Keys keys;
  private final String storeName;

  ItemCommands(Keys keys, String storeName) {
    this.keys = keys;
    this.storeName = storeName;
  }

  Keys keys() {
    return keys;
  }

  ScriptCall put(PutCommand c, String epoch) {
    Keys.NamespaceKeys k = keys.of(c.namespace());
    Instant expiresAt = c.expiresAt();
    String what = "put of " + c.namespace() + "/" + c.key();
    String[] args = {
      c.key(),
      c.value().json(),
      Micros.text(c.now()),
      expiresAt == null ? "" : Micros.text(expiresAt),
      c.ttl() == null ? "" : Micros.text(c.ttl()),
      c.ifVersion() == null ? "" : Long.toString(c.ifVersion()),
      epoch
    };
    String[] keys = {k.item(c.key()), k.order(), k.expiry(), k.meta()};
    ItemIndex index = c.index();
    if (index == null) {
      return new ScriptCall(LuaScript.PUT, keys, args, what);
    }
    return new ScriptCall(LuaScript.PUT, keys, concat(args, IndexFields.args(index)),
        IndexFields.vectors(index, what), what);
  }

  /** Replaces an item's search index if it still has {@code version}; see {@code reindex.lua}. */
  ScriptCall reindex(
      Namespace namespace, String key, long version, ItemIndex index, Instant now) {
    String what = "reindexing of " + namespace + "/" + key;
    String[] args = {Micros.text(now), Long.toString(version)};
    return new ScriptCall(LuaScript.REINDEX, new String[] {keys.of(namespace).item(key)},
        concat(args, IndexFields.args(index)), IndexFields.vectors(index, what), what);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * The stored item; or null when the namespace must be registered first, in which case {@code
   * epochOut[0]} receives the epoch to come back with.
   *
   * @throws VersionConflictException when the put's {@code ifVersion} did not hold
   */
  @Nullable Item putResult(PutCommand c, List<Object> reply, String[] epochOut) {
    String status = status(reply, "put");
    switch (status) {
      case "OK" -> {
        return new Item(
            c.namespace(), c.key(), c.value().canonical(),
            Micros.instant((String) reply.get(1)), c.now(), c.expiresAt(),
            Long.parseLong((String) reply.get(2)));
      }
      case "REG" -> {
        epochOut[0] = (String) reply.get(1);
        return null;
      }
      case "CONFLICT" -> throw conflict(c.namespace(), c.key(), c.ifVersion(), reply);
      default -> throw unexpected("put", reply);
    }
  }

  ScriptCall delete(Namespace namespace, String key, @Nullable Long ifVersion, Instant now) {
    Keys.NamespaceKeys k = keys.of(namespace);
    return new ScriptCall(
        LuaScript.DELETE,
        new String[] {k.item(key), k.order(), k.expiry()},
        new String[] {key, Micros.text(now), ifVersion == null ? "" : Long.toString(ifVersion)},
        "delete of " + namespace + "/" + key);
  }

  /** Whether a visible item was removed. */
  boolean deleteResult(
      Namespace namespace, String key, @Nullable Long ifVersion, List<Object> reply) {
    return switch (status(reply, "delete")) {
      case "OK" -> ((Long) reply.get(1)) == 1L;
      case "CONFLICT" -> throw conflict(namespace, key, ifVersion, reply);
      default -> throw unexpected("delete", reply);
    };
  }

  ScriptCall refresh(Namespace namespace, String key, Instant now) {
    Keys.NamespaceKeys k = keys.of(namespace);
    return new ScriptCall(
        LuaScript.REFRESH,
        new String[] {k.item(key), k.expiry()},
        new String[] {key, Micros.text(now)},
        "get of " + namespace + "/" + key);
  }

  /** The item a refreshing read returned, or null. */
  static @Nullable Item refreshResult(Namespace namespace, String key, List<Object> reply) {
    return reply.isEmpty() ? null : ItemFields.item(namespace, key, ItemFields.ofScript(reply));
  }

  private String status(List<Object> reply, String what) {
    if (reply == null || reply.isEmpty() || !(reply.get(0) instanceof String status)) {
      throw unexpected(what, reply);
    }
    return status;
  }

  private static VersionConflictException conflict(
      Namespace namespace, String key, @Nullable Long expected, List<Object> reply) {
    String actual = (String) reply.get(1);
    return new VersionConflictException(
        namespace + "/" + key, expected == null ? 0 : expected,
        actual.isEmpty() ? null : Long.parseLong(actual));
  }

  private BackendUnavailableException unexpected(String what, @Nullable List<Object> reply) {
    return new BackendUnavailableException(
        storeName + " - " + what + " got an unexpected reply from Redis: " + reply);
  }
}
