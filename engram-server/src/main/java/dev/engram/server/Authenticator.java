package dev.engram.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link Principal} of a request from its {@code x-api-key} (what the LangGraph SDK
 * sends) or {@code Authorization: Bearer} header. The key file is re-read at most once a second
 * when it changed, so {@code engram keys create} and {@code revoke} apply to a running server.
 *
 * <p>A server whose key file holds no key is open, and only on loopback: bound elsewhere it
 * refuses to start without an active key (see {@link EngramServer}). Revoked keys still count as
 * configured, so revoking every key closes a server rather than opening it.
 */
final class Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ApiKeyFile file;
  private final boolean loopback;
  private volatile Snapshot snapshot;

  /** The keys as last read, and the file attributes they were read at. */
  private record Snapshot(List<ApiKeyFile.StoredKey> keys, @Nullable Object stamp, long checkedAt) {
    /** No key was ever created (revoked ones count: revoking keys never opens a server). */
    boolean none() {
      return keys.isEmpty();
    }
  }

  Authenticator(ApiKeyFile file, boolean loopback) {
    this.file = file;
    this.loopback = loopback;
    this.snapshot = new Snapshot(file.snapshot(), stamp(file.path()), System.nanoTime());
  }

  /** Whether requests need a key now; false only on loopback with no key in the file. */
  boolean keysRequired() {
    return !loopback || !current().none();
  }

  int activeKeys() {
    return (int) current().keys().stream().filter(stored -> stored.key().active()).count();
  }

  /** The request's principal; throws a 401 {@link ApiError} when it has none that is valid. */
  Principal authenticate(Context ctx) {
    Snapshot keys = current();
    if (loopback && keys.none()) {
      return Principal.OPEN;
    }
    String token = token(ctx);
    if (token == null) {
      throw ApiError.unauthorized("an API key is required: send it as x-api-key or"
          + " Authorization: Bearer (create one with engram keys create)");
    }
    ApiKey key = ApiKeyFile.verify(keys.keys(), token).orElse(null);
    if (key == null || !key.active()) {
      throw ApiError.unauthorized("the API key is unknown or revoked");
    }
    return new Principal(key.id(), key);
  }

  private static @Nullable String token(Context ctx) {
    String apiKey = ctx.header("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.strip();
    }
    String authorization = ctx.header("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return null;
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    long now = System.nanoTime();
    if (now - s.checkedAt() < RECHECK_NANOS) {
      return s;
    }
    Object stamp = stamp(file.path());
    Snapshot next;
    if (Objects.equals(stamp, s.stamp())) {
      next = new Snapshot(s.keys(), stamp, now);
    } else {
      try {
        next = new Snapshot(file.snapshot(), stamp, now);
        log.info("API keys reloaded from {}: {} active", file.path(), next.keys().stream()
            .filter(stored -> stored.key().active()).count());
      } catch (RuntimeException e) {
        // A half-edited or damaged file must not lock everyone out: keep the keys we had.
        log.error("API key file {} could not be reloaded; keeping the previous keys", file.path(), e);
        next = new Snapshot(s.keys(), stamp, now);
      }
    }
    snapshot = next;
    return next;
  }

  private static @Nullable Object stamp(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return null; // no file: no keys
    }
  }
}
