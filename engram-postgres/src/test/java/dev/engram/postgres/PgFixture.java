package dev.engram.postgres;

import dev.engram.Namespace;
import dev.engram.spi.BackendUri;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Opening backends directly (below the engine) and making put commands, for backend tests. */
final class PgFixture {
  static final Instant T0 = Instant.parse("2031-05-17T09:30:00.123456Z");

  private PgFixture() {}

  static StoreBackend open(String uri) {
    return new PostgresBackendProvider().openStore(BackendUri.parse(uri));
  }

  static PutCommand put(Namespace ns, String key, Map<String, Object> value, Instant now) {
    return put(ns, key, value, now, null, null);
  }

  static PutCommand put(
      Namespace ns, String key, Map<String, Object> value, Instant now, @Nullable Duration ttl,
      @Nullable Long ifVersion) {
    return new PutCommand(ns, key, JsonCodec.encode(value, "value"), now, ttl, ifVersion);
  }
}
