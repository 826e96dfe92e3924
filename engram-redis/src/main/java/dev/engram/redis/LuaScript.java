package dev.engram.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of the store's Lua scripts: its text (the shared prelude plus its body, read from this
 * package's resources) and the SHA-1 that {@code EVALSHA} names it by. Each script touches only
 * keys of one hash tag, so it runs within one Cluster slot.
 */
record LuaScript(String name, String text, String sha) {
  static final LuaScript PUT = load("put");
  static final LuaScript DELETE = load("delete");
  static final LuaScript REFRESH = load("refresh");
  static final LuaScript PAGE = load("page");
  static final LuaScript LIVE = load("live");
  static final LuaScript SWEEP = load("sweep");
  static final LuaScript FREE = load("free");
  static final LuaScript REGISTER = load("register");
  static final LuaScript UNREGISTER = load("unregister");
  static final LuaScript QUERY = load("query");
  static final LuaScript REINDEX = load("reindex");
  static final LuaScript SCAN = load("scan");

  static final LuaScript CONV_SAVE = load("conv_save", "conversation");
  static final LuaScript CONV_APPEND = load("conv_append", "conversation");
  static final LuaScript CONV_READ = load("conv_read", "conversation");
  static final LuaScript CONV_TTL = load("conv_ttl", "conversation");
  static final LuaScript CONV_DROP = load("conv_drop", "conversation");

  static final LuaScript CP_PUT = load("cp_put", "thread");
  static final LuaScript CP_WRITES = load("cp_writes", "thread");
  static final LuaScript CP_GET = load("cp_get", "thread");
  static final LuaScript CP_SCAN = load("cp_scan", "thread");
  static final LuaScript CP_FETCH = load("cp_fetch", "thread");
  static final LuaScript CP_COPY = load("cp_copy", "thread");
  static final LuaScript CP_PRUNE = load("cp_prune", "thread");
  static final LuaScript CP_DROP = load("cp_drop", "thread");
  static final LuaScript CP_COUNT = load("cp_count", "thread");

  static final List<LuaScript> ALL =
      List.of(PUT, DELETE, REFRESH, PAGE, LIVE, SWEEP, FREE, REGISTER, UNREGISTER,
          QUERY, REINDEX, SCAN,
          CONV_SAVE, CONV_APPEND, CONV_READ, CONV_TTL, CONV_DROP,
          CP_PUT, CP_WRITES, CP_GET, CP_SCAN, CP_FETCH, CP_COPY, CP_PRUNE, CP_DROP, CP_COUNT);

  private static LuaScript load(String name) {
    return load(name, null);
  }

  /**
   * @param fragment shared helpers of one kind of data (its key layout), placed between the
   *     prelude and the body; null for none
   */
  private static LuaScript load(String name, @Nullable String fragment) {
    String text =
        resource("prelude") + (fragment == null ? "" : resource(fragment)) + resource(name);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return new LuaScript(name, text, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("script " + name + ".lua is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + name + ".lua", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", " + sha + "]";
  }
}
