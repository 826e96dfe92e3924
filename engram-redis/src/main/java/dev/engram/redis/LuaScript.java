package dev.engram.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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

  static final List<LuaScript> ALL =
      List.of(PUT, DELETE, REFRESH, PAGE, LIVE, SWEEP, FREE, REGISTER, UNREGISTER);

  private static LuaScript load(String name) {
    String text = resource("prelude") + resource(name);
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
