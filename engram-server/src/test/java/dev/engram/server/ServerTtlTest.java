package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.spi.JsonCodec;
import dev.engram.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TTL settings reach the conversation and checkpoint stores the server opens itself: threads
 * and conversations created over HTTP expire as configured, on an injected clock.
 */
class ServerTtlTest {
  private static final String CHECKPOINT = "{\"checkpoint\":{\"state\":{\"step\":1}}}";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2031-05-17T09:30:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private Store store;
  private EngramServer server;

  private void start(Map<String, String> settings) {
    // The server opens its own conversations and threads at this URI, with the settings' TTLs.
    Map<String, String> all = new LinkedHashMap<>(Map.of("store", "memory:"));
    all.putAll(settings);
    store = Engram.store("memory:").backgroundSweep(false).clock(clock).open();
    server = EngramServer.start(KitServers.config(dir).with(all), store, clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      store.close();
    }
  }

  @Test
  void aThreadCreatedOverHttpExpiresAfterTheConfiguredTtl() {
    start(Map.of("thread-ttl", "10m"));
    assertThat(call("PUT", "/threads/t1/checkpoints", CHECKPOINT)).isEqualTo(200);

    clock.advance(Duration.ofMinutes(9));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(200);
    // The read restarted the TTL (thread-refresh-on-read defaults to true).
    clock.advance(Duration.ofMinutes(9));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(200);

    clock.advance(Duration.ofMinutes(11));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(404);
    assertThat(body("POST", "/threads/sweep", "{}")).containsEntry("removed", 1);
  }

  @Test
  void withoutRefreshOnReadAThreadExpiresTenMinutesAfterItsLastWrite() {
    start(Map.of("thread-ttl", "PT10M", "thread-refresh-on-read", "false"));
    call("PUT", "/threads/t1/checkpoints", CHECKPOINT);

    clock.advance(Duration.ofMinutes(9));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(404);
  }

  @Test
  void aConversationCreatedOverHttpGetsTheConfiguredTtlUnlessItSetsItsOwn() {
    start(Map.of("conversation-ttl", "1h"));
    call("POST", "/conversations/c1/messages",
        "{\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\"}]}");
    call("PUT", "/conversations/c2",
        "{\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\"}],\"ttl\":null}");
    // Written as a plain number, as people and scripts read it, not as 3.6E+3.
    assertThat(send("GET", "/conversations/c1", null).body()).contains("\"ttl_seconds\":3600,");
    Map<String, Object> c1 = body("GET", "/conversations/c1", null);
    assertThat(c1.get("expires_at")).isEqualTo("2031-05-17T10:30:00Z");

    clock.advance(Duration.ofMinutes(61));
    assertThat(call("GET", "/conversations/c1", null)).isEqualTo(404);
    assertThat(call("GET", "/conversations/c2", null)).isEqualTo(200);
  }

  @Test
  void byDefaultThreadsAndConversationsNeverExpire() {
    start(Map.of());
    call("PUT", "/threads/t1/checkpoints", CHECKPOINT);
    call("POST", "/conversations/c1/messages",
        "{\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(body("GET", "/conversations/c1", null)).containsEntry("ttl_seconds", null);

    clock.advance(Duration.ofDays(400));
    assertThat(call("GET", "/threads/t1/checkpoints/latest", null)).isEqualTo(200);
    assertThat(call("GET", "/conversations/c1", null)).isEqualTo(200);
  }

  private int call(String method, String path, String body) {
    return send(method, path, body).statusCode();
  }

  private Map<String, Object> body(String method, String path, String body) {
    HttpResponse<String> response = send(method, path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonCodec.parseObject(response.body(), "response");
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + path))
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json")
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
