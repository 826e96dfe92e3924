package dev.engram.redis;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The conformance kits' fixture on the shared Redis server on loopback: each test gets a key
 * prefix of its own ({@link #freshUri}) and its keys are deleted after the test (SCAN and DEL on
 * that prefix only: the server is shared, so nothing is ever flushed). Registered as a static
 * {@code @RegisterExtension} field; skips the class (fails it in CI) when the server is down.
 */
final class SharedServerPrefix implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private final String label;
  private @Nullable RawRedis raw;
  private @Nullable String prefix;

  SharedServerPrefix(String label) {
    this.label = label;
  }

  /** A store URI on the shared server under a prefix no other test uses. */
  String freshUri() {
    prefix = RedisTests.uniquePrefix(label);
    return RedisTests.sharedUri(prefix);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    RedisTests.requireSharedServer();
    raw = RawRedis.server(RedisTests.PORT);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (prefix != null) {
      raw.deletePrefix(prefix);
      prefix = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (raw != null) {
      raw.close();
    }
  }
}
