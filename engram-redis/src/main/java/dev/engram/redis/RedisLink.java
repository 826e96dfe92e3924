package dev.engram.redis;

import dev.engram.BackendUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one shared Lettuce connection (to a server, or to a cluster with per-node
 * connections underneath), used through the asynchronous API so that independent commands can be
 * pipelined; a blocking call is a send plus {@link #await}.
 *
 * <p>Failure behaviour is chosen so that an outage fails fast instead of hanging: every command
 * has the configured timeout, commands issued while the connection is down are rejected at once
 * rather than queued, and Lettuce reconnects in the background (backing off up to two seconds), so
 * the same store works again as soon as the server is back.
 */
final class RedisLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
  /** Extra wait on top of the command timeout, for the timeout itself to fire and be reported. */
  private static final long GRACE_MS = 1000;

  private final String storeName;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterAsyncCommands<String, String> commands;
  private final long timeoutMs;

  private RedisLink(
      String storeName,
      ClientResources resources,
      AbstractRedisClient client,
      StatefulConnection<String, String> connection,
      RedisClusterAsyncCommands<String, String> commands,
      long timeoutMs) {
    this.storeName = storeName;
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.commands = commands;
    this.timeoutMs = timeoutMs;
  }

  static RedisLink open(RedisSettings settings) {
    String name = settings.storeName();
    Duration timeout = settings.timeout();
    ClientResources resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    AbstractRedisClient client = null;
    try {
      SocketOptions socket =
          SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build();
      List<RedisURI> uris = new ArrayList<>();
      for (RedisSettings.Node node : settings.nodes()) {
        RedisURI.Builder uri =
            RedisURI.builder().withHost(node.host()).withPort(node.port()).withTimeout(timeout);
        if (settings.database() != 0) {
          uri.withDatabase(settings.database());
        }
        if (settings.password() != null) {
          if (settings.user() != null) {
            uri.withAuthentication(settings.user(), settings.password());
          } else {
            uri.withPassword(settings.password().toCharArray());
          }
        }
        uris.add(uri.build());
      }
      StatefulConnection<String, String> connection;
      RedisClusterAsyncCommands<String, String> commands;
      if (settings.cluster()) {
        RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
        client = cluster;
        cluster.setOptions(
            ClusterClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket)
                // Follow failovers and resharding without waiting for a periodic refresh.
                .topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        StatefulRedisClusterConnection<String, String> c = cluster.connect(StringCodec.UTF8);
        connection = c;
        commands = c.async();
      } else {
        RedisClient single = RedisClient.create(resources, uris.get(0));
        client = single;
        single.setOptions(
            ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket)
                .build());
        StatefulRedisConnection<String, String> c = single.connect(StringCodec.UTF8);
        connection = c;
        commands = c.async();
      }
      RedisLink link =
          new RedisLink(name, resources, client, connection, commands, timeout.toMillis());
      link.requireVersion();
      link.loadScripts();
      return link;
    } catch (BackendUnavailableException e) {
      shutdown(client, resources);
      throw e;
    } catch (RuntimeException e) {
      shutdown(client, resources);
      Throwable cause = e.getCause();
      String detail =
          cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
      throw new BackendUnavailableException(
          name + " - cannot connect: " + e.getMessage() + detail, e);
    }
  }

  /** The scripts use ZRANGE ... REV (Redis 6.2); the project supports Redis 7. */
  private void requireVersion() {
    String info = awaitRaw(submit(() -> commands.info("server")));
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith("redis_version:")) {
        String version = line.substring("redis_version:".length()).trim();
        String[] parts = version.split("\\.");
        int major;
        int minor;
        try {
          major = Integer.parseInt(parts[0]);
          minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
          return; // an unusual version string: let the scripts speak for themselves
        }
        if (major < 6 || (major == 6 && minor < 2)) {
          throw new BackendUnavailableException(
              storeName + " - the server runs Redis " + version + "; Engram needs Redis 6.2 or"
                  + " later (7 recommended)");
        }
        return;
      }
    }
  }

  /** Loads every script up front (on every master of a cluster); EVALSHA falls back anyway. */
  private void loadScripts() {
    List<Future<String>> loads = new ArrayList<>();
    for (LuaScript script : LuaScript.ALL) {
      loads.add(submit(() -> commands.scriptLoad(script.text())));
    }
    for (Future<String> load : loads) {
      try {
        awaitRaw(load);
      } catch (RedisCommandExecutionException e) {
        // E.g. an ACL without SCRIPT: scripts then load through EVAL on first use.
        log.debug("{} - could not preload a script: {}", storeName, e.getMessage());
      }
    }
  }

  String storeName() {
    return storeName;
  }

  RedisClusterAsyncCommands<String, String> commands() {
    return commands;
  }

  /**
   * Issues a command. Never throws: Lettuce may reject a command at once (while disconnected), and
   * that failure is then carried by the returned future like any other.
   */
  <T> Future<T> submit(Supplier<? extends Future<T>> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Issues a command and waits for its reply; failures name the store and {@code what}. */
  <T> T call(Supplier<? extends Future<T>> command, String what) {
    return await(submit(command), what);
  }

  /** The reply, or a {@link BackendUnavailableException} naming the store and {@code what}. */
  <T> T await(Future<T> future, String what) {
    try {
      return awaitRaw(future);
    } catch (RuntimeException e) {
      throw unavailable(what, e);
    }
  }

  /** The reply, or Lettuce's exception as it is. */
  <T> T awaitRaw(Future<T> future) {
    try {
      return future.get(timeoutMs + GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new RedisException(cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RedisCommandTimeoutException("no reply within " + timeoutMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new RedisException("interrupted while waiting for Redis", e);
    }
  }

  /** Sends one script call (see {@link ScriptCall#command}); never throws, like {@link #submit}. */
  private Future<List<Object>> send(ScriptCall call, boolean byText, boolean binaryReplies) {
    return submit(() -> {
      AsyncCommand<String, String, List<Object>> command = call.command(byText, binaryReplies);
      connection.dispatch(command);
      return command;
    });
  }

  /** Runs one script and waits for its reply. */
  List<Object> eval(ScriptCall call) {
    try {
      return awaitRaw(send(call, false, false));
    } catch (RuntimeException e) {
      if (!isNoScript(e)) {
        throw unavailable(call.what(), e);
      }
    }
    // The server lost its script cache (restart, failover, SCRIPT FLUSH): EVAL loads it again.
    return await(send(call, true, false), call.what());
  }

  /**
   * Sends every call before waiting for any (one pipeline), and returns each reply or the
   * {@link RuntimeException} it failed with, in order. Calls rejected with NOSCRIPT were not run,
   * so they are sent again with their text.
   */
  List<Object> evalEach(List<ScriptCall> calls) {
    return evalEach(calls, false);
  }

  private List<Object> evalEach(List<ScriptCall> calls, boolean binaryReplies) {
    List<AsyncCommand<String, String, List<Object>>> futures = new ArrayList<>(calls.size());
    for (ScriptCall call : calls) {
      futures.add(call.command(false, binaryReplies));
    }
    // One write and one flush for the whole list (on Cluster, per node), instead of a flush per
    // command: this is most of what makes a pipelined batch cheap on the client.
    try {
      connection.dispatch(futures);
    } catch (RuntimeException e) {
      futures.forEach(f -> f.completeExceptionally(e));
    }
    List<Object> results = new ArrayList<>(calls.size());
    List<Integer> retry = null;
    for (int i = 0; i < futures.size(); i++) {
      try {
        results.add(awaitRaw(futures.get(i)));
      } catch (RuntimeException e) {
        if (isNoScript(e)) {
          if (retry == null) {
            retry = new ArrayList<>();
          }
          retry.add(i);
        }
        results.add(e);
      }
    }
    if (retry != null) {
      List<Future<List<Object>>> again = new ArrayList<>(retry.size());
      for (int i : retry) {
        again.add(send(calls.get(i), true, binaryReplies));
      }
      for (int j = 0; j < retry.size(); j++) {
        Object result;
        try {
          result = awaitRaw(again.get(j));
        } catch (RuntimeException e) {
          result = e;
        }
        results.set(retry.get(j), result);
      }
    }
    return results;
  }

  /** As {@link #evalEach}, failing with the first error. */
  List<List<Object>> evalAll(List<ScriptCall> calls) {
    return replies(calls, evalEach(calls, false));
  }

  /** As {@link #evalAll}, with the replies' strings as {@code byte[]} (for vectors). */
  List<List<Object>> evalAllBinary(List<ScriptCall> calls) {
    return replies(calls, evalEach(calls, true));
  }

  private List<List<Object>> replies(List<ScriptCall> calls, List<Object> results) {
    List<List<Object>> replies = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Object result = results.get(i);
      if (result instanceof RuntimeException e) {
        throw unavailable(calls.get(i).what(), e);
      }
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) result;
      replies.add(reply);
    }
    return replies;
  }

  private static boolean isNoScript(RuntimeException e) {
    return e instanceof RedisNoScriptException
        || (e instanceof RedisCommandExecutionException
            && String.valueOf(e.getMessage()).startsWith("NOSCRIPT"));
  }

  BackendUnavailableException unavailable(String what, RuntimeException e) {
    if (e instanceof BackendUnavailableException b) {
      return b;
    }
    return new BackendUnavailableException(
        storeName + " - " + what + " failed: " + describe(e, timeoutMs), e);
  }

  /** Lettuce's message, with what it means for the store. */
  private static String describe(RuntimeException e, long timeoutMs) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof RedisCommandTimeoutException) {
      return "no reply within the command timeout of " + timeoutMs
          + " ms (server down, overloaded or unreachable; timeoutMs in the store URI sets it)";
    }
    Throwable cause = e.getCause();
    if (message.contains("not connected") || message.contains("Connection closed")
        || e instanceof RedisConnectionException || cause instanceof IOException) {
      return "lost the connection to Redis (" + message
          + "); the store reconnects by itself when the server is back";
    }
    return cause == null || cause.getMessage() == null
        ? message
        : message + " (" + cause.getMessage() + ")";
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      shutdown(client, resources);
    }
  }

  private static void shutdown(AbstractRedisClient client, ClientResources resources) {
    // No quiet period: nothing is left to flush once the connection is closed.
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Redis client resources did not shut down cleanly: {}", e.toString());
    }
  }
}
