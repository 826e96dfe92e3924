package dev.engram.search.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-compatible embeddings service on loopback, for protocol tests: it answers {@code POST
 * /v1/embeddings} with a vector per input derived from the text, listed in reverse order (as the
 * protocol allows), after first giving any replies a test has queued.
 */
final class EmbeddingService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one request carried. */
  record Received(@Nullable String authorization, String model, List<String> input) {}

  private record Reply(int status, String body, String @Nullable [] headers, boolean stall) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch closing = new CountDownLatch(1);
  private final int dimensions;

  private EmbeddingService(int dimensions) throws IOException {
    this.dimensions = dimensions;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/embeddings", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  static EmbeddingService start(int dimensions) throws IOException {
    return new EmbeddingService(dimensions);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next request gets this answer instead of vectors. */
  void reply(int status, String body, String... headers) {
    queued.add(new Reply(status, body, headers, false));
  }

  /** The next request gets no answer until the service closes. */
  void stall() {
    queued.add(new Reply(0, "", null, true));
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The vector the service gives {@code text} (before the client normalizes it). */
  float[] vectorOf(String text) {
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = 1 + ((text.hashCode() >>> (3 * i)) & 7) + text.length() * (i == 0 ? 1 : 0);
    }
    return vector;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      List<String> input = new ArrayList<>();
      request.path("input").forEach(text -> input.add(text.asText()));
      received.add(new Received(
          exchange.getRequestHeaders().getFirst("Authorization"),
          request.path("model").asText(),
          input));
      Reply reply = queued.poll();
      if (reply == null) {
        send(exchange, 200, vectors(input));
      } else if (reply.stall()) {
        closing.await();
      } else {
        for (int i = 0; reply.headers() != null && i < reply.headers().length; i += 2) {
          exchange.getResponseHeaders().add(reply.headers()[i], reply.headers()[i + 1]);
        }
        send(exchange, reply.status(), reply.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String vectors(List<String> input) {
    ObjectNode response = JSON.createObjectNode().put("object", "list");
    ArrayNode data = response.putArray("data");
    for (int i = input.size() - 1; i >= 0; i--) {
      ArrayNode embedding =
          data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
      for (float x : vectorOf(input.get(i))) {
        embedding.add(x);
      }
    }
    response.put("model", "test");
    return response.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
