package dev.engram.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain Lettuce connection for tests to look at (and clean up) what the store wrote, on a server
 * or a cluster.
 */
final class RawRedis implements AutoCloseable {
  private final AutoCloseable client;
  private final AutoCloseable connection;
  private final RedisClusterCommands<String, String> sync;

  private RawRedis(AutoCloseable client, AutoCloseable connection,
      RedisClusterCommands<String, String> sync) {
    this.client = client;
    this.connection = connection;
    this.sync = sync;
  }

  static RawRedis server(int port) {
    RedisClient client = RedisClient.create(
        RedisURI.builder().withHost(RedisTests.HOST).withPort(port)
            .withTimeout(Duration.ofSeconds(10)).build());
    StatefulRedisConnection<String, String> c = client.connect();
    return new RawRedis(client::shutdown, c, c.sync());
  }

  static RawRedis cluster(List<Integer> ports) {
    List<RedisURI> uris = new ArrayList<>();
    for (int port : ports) {
      uris.add(RedisURI.builder().withHost(RedisTests.HOST).withPort(port)
          .withTimeout(Duration.ofSeconds(10)).build());
    }
    RedisClusterClient client = RedisClusterClient.create(uris);
    StatefulRedisClusterConnection<String, String> c = client.connect();
    return new RawRedis(client::shutdown, c, c.sync());
  }

  RedisClusterCommands<String, String> sync() {
    return sync;
  }

  /** Every key of a store prefix, found with SCAN (never KEYS: the server may be shared). */
  List<String> keysOf(String prefix) {
    List<String> keys = new ArrayList<>();
    for (String pattern : new String[] {"{" + prefix + "}*", "{" + prefix + ":*"}) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            sync.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
        keys.addAll(page.getKeys());
        cursor = page;
      } while (!cursor.isFinished());
    }
    return keys;
  }

  /** Deletes every key of a store prefix. */
  void deletePrefix(String prefix) {
    List<String> keys = keysOf(prefix);
    for (String key : keys) {
      sync.del(key);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the test connection failed", e);
    }
  }
}
