package dev.engram.sqlite;

import dev.engram.Namespace;
import dev.engram.spi.BackendUri;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Helpers for tests that drive the backend through the SPI directly. */
final class Backends {
  static final Instant T0 = Instant.parse("2031-05-17T09:30:00.123456Z");

  private Backends() {}

  static StoreBackend open(Path file) {
    return open("sqlite:" + file);
  }

  static StoreBackend open(String uri) {
    return new SqliteBackendProvider().openStore(BackendUri.parse(uri));
  }

  static EncodedValue json(String text) {
    return JsonCodec.encode(JsonCodec.parseObject(text, "test value"), "value");
  }

  static EncodedValue value(Map<String, Object> map) {
    return JsonCodec.encode(map, "value");
  }

  static PutCommand put(Namespace ns, String key, String json, Instant now) {
    return new PutCommand(ns, key, json(json), now, null, null);
  }

  static PutCommand put(
      Namespace ns, String key, String json, Instant now, @Nullable Duration ttl,
      @Nullable Long ifVersion) {
    return new PutCommand(ns, key, json(json), now, ttl, ifVersion);
  }
}
