package dev.engram.server;

import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import dev.engram.core.StoreBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port over fresh memory stores (or a store of the test's
 * choosing), and raw HTTP calls to it.
 */
final class TestServer implements AutoCloseable {
  final Store store;
  final ConversationStore conversations =
      Engram.conversations("memory:").backgroundSweep(false).open();
  final CheckpointStore checkpoints = Engram.checkpoints("memory:").backgroundSweep(false).open();
  final EngramServer server;
  final ApiKeyFile keys;
  private final HttpClient http = HttpClient.newHttpClient();

  /** An HTTP answer. */
  record Response(int status, String body, HttpResponse<String> raw) {}

  TestServer(Path dir) {
    this(dir, UnaryOperator.identity(), Map.of());
  }

  TestServer(Path dir, UnaryOperator<StoreBuilder> store, Map<String, String> settings) {
    this(dir, store.apply(Engram.store("memory:").backgroundSweep(false)), settings);
  }

  /** A server over the store {@code store} opens (conversations and checkpoints in memory). */
  TestServer(Path dir, StoreBuilder store, Map<String, String> settings) {
    this.keys = ApiKeyFile.at(dir.resolve("api-keys.json"));
    this.store = store.open();
    Map<String, String> all = new LinkedHashMap<>(Map.of(
        "port", "0", "keys-file", keys.path().toString(), "sweep-interval", "off",
        "shutdown-timeout", "200ms"));
    all.putAll(settings);
    this.server = EngramServer.start(ServerConfig.defaults().with(all), this.store,
        conversations, checkpoints);
  }

  String uri() {
    return server.uri().toString();
  }

  Response call(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri() + path))
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
      conversations.close();
      checkpoints.close();
    }
  }
}
