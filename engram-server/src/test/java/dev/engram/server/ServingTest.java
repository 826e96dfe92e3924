package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.engram.spi.JsonCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What every request gets whichever way its answer is written: one access-log line, a timer of its
 * route template, a request id; and answers of every size and kind arrive whole.
 */
class ServingTest {
  @TempDir Path dir;
  TestServer server;
  private final Logger access = (Logger) LoggerFactory.getLogger("dev.engram.server.access");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level level;

  @BeforeEach
  void start() {
    level = access.getLevel();
    access.setLevel(Level.INFO);
    access.setAdditive(false); // captured here, not printed
    lines.start();
    access.addAppender(lines);
    server = new TestServer(dir, b -> b, Map.of("max-response-bytes", "40000"));
  }

  @AfterEach
  void stop() {
    server.close();
    access.detachAppender(lines);
    access.setAdditive(true);
    access.setLevel(level);
  }

  @Test
  void eachRequestLogsOneLineWithItsRouteStatusKeyAndRequestId() throws Exception {
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{}}");
    var get = server.call("GET", "/store/items?namespace=a&key=k", null);
    var missing = server.call("GET", "/nope?secret=1", null);

    List<String> logged = awaitLines(3);
    assertThat(logged).hasSize(3);
    assertThat(logged.get(0)).matches("PUT /store/items 204 \\d+\\.\\dms key=open id=[0-9a-f]+");
    String id = get.raw().headers().firstValue("x-request-id").orElseThrow();
    assertThat(logged.get(1))
        .matches("GET /store/items 200 \\d+\\.\\dms key=open id=[0-9a-f]+").endsWith(" id=" + id);
    // A request no route matched: never its query string.
    assertThat(logged.get(2)).startsWith("GET ").contains(" 404 ").doesNotContain("secret")
        .endsWith(" id=" + missing.raw().headers().firstValue("x-request-id").orElseThrow());
  }

  @Test
  void metricsCountRequestsPerRouteTemplateAndStatus() {
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{}}");
    for (int i = 0; i < 3; i++) {
      server.call("GET", "/store/items?namespace=a&key=k" + i, null);
    }
    server.call("GET", "/store/items?namespace=a", null);
    String metrics = server.call("GET", "/metrics", null).body();
    assertThat(metrics)
        .containsPattern("engram_http_requests_seconds_count\\{method=\"GET\","
            + "route=\"/store/items\",status=\"200\"} 3(\\.0)?\n")
        .containsPattern("engram_http_requests_seconds_count\\{method=\"GET\","
            + "route=\"/store/items\",status=\"422\"} 1(\\.0)?\n")
        .containsPattern("engram_store_operations_total\\{operation=\"get\",outcome=\"ok\"}"
            + " 3(\\.0)?\n");
  }

  @Test
  void smallAndLargeAnswersArriveWholeAsJson() {
    String big = "x".repeat(30_000);
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"small\",\"value\":{\"s\":1}}");
    server.call("PUT", "/store/items",
        "{\"namespace\":[\"a\"],\"key\":\"big\",\"value\":{\"s\":\"" + big + "\"}}");
    for (String key : List.of("small", "big")) {
      var get = server.call("GET", "/store/items?namespace=a&key=" + key, null);
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.raw().headers().firstValue("content-type")).hasValue("application/json");
      assertThat(get.raw().headers().firstValue("x-request-id")).isPresent();
      Map<String, Object> item = JsonCodec.parseObject(get.body(), "response");
      assertThat(item).containsEntry("key", key);
    }
    var page = server.call("POST", "/store/items/search", "{\"namespace_prefix\":[\"a\"]}");
    assertThat(page.status()).isEqualTo(200);
    assertThat((List<?>) JsonCodec.parseObject(page.body(), "response").get("items")).hasSize(2);
  }

  @Test
  void anAnswerOverTheResponseLimitIsA422() {
    for (int i = 0; i < 2; i++) {
      server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k" + i
          + "\",\"value\":{\"s\":\"" + "x".repeat(25_000) + "\"}}");
    }
    var one = server.call("GET", "/store/items?namespace=a&key=k0", null);
    assertThat(one.status()).isEqualTo(200);
    var both = server.call("POST", "/store/items/search", "{\"namespace_prefix\":[\"a\"]}");
    assertThat(both.status()).isEqualTo(422);
    assertThat(JsonCodec.parseObject(both.body(), "response"))
        .containsEntry("error", "response_too_large");
  }

  private List<String> awaitLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (lines.list.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
