package dev.engram.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.engram.BackendUnavailableException;
import dev.engram.Embedder;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.spi.Vectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP protocol, against a real server on loopback. */
class OpenAiEmbedderTest {
  private static final String KEY = "sk-test-0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("TEST_EMBEDDINGS_KEY", KEY);

  private EmbeddingService service;

  @BeforeEach
  void startService() throws IOException {
    service = EmbeddingService.start(3);
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  private OpenAiEmbedder.Builder embedder() {
    return OpenAiEmbedder.builder()
        .environment(ENV::get)
        .apiKeyEnv("TEST_EMBEDDINGS_KEY")
        .baseUrl(service.baseUrl())
        .model("nomic-embed-text")
        .initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofSeconds(2));
  }

  @Test
  void splitsTextsIntoBatchesAndKeepsTheirOrder() {
    List<String> texts = IntStream.range(0, 5).mapToObj(i -> "fact " + i).toList();

    List<float[]> vectors = embedder().batchSize(2).build().embed(texts);

    assertThat(service.received())
        .extracting(EmbeddingService.Received::input)
        .containsExactly(
            List.of("fact 0", "fact 1"), List.of("fact 2", "fact 3"), List.of("fact 4"));
    assertThat(service.received()).allSatisfy(r -> assertThat(r.model()).isEqualTo("nomic-embed-text"));
    for (int i = 0; i < texts.size(); i++) {
      assertThat(vectors.get(i)).containsExactly(Vectors.normalized(service.vectorOf(texts.get(i))));
    }
  }

  @Test
  void ordersVectorsByTheirIndexNotByTheirPlaceInTheResponse() {
    service.reply(200, """
        {"data": [
          {"index": 1, "embedding": [0, 2, 0]},
          {"index": 2, "embedding": [0, 0, 3]},
          {"index": 0, "embedding": [4, 0, 0]}]}""");

    List<float[]> vectors = embedder().build().embed(List.of("a", "b", "c"));

    assertThat(vectors).containsExactly(
        new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1});
  }

  @Test
  void returnsUnitVectors() {
    float[] vector = embedder().build().embed(List.of("long enough")).get(0);

    assertThat(Vectors.cosine(vector, vector)).isCloseTo(1.0, within(1e-6));
    double norm = 0;
    for (float x : vector) {
      norm += x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void sendsTheKeyAsABearerToken() {
    embedder().build().embed(List.of("hello"));

    assertThat(service.received().get(0).authorization()).isEqualTo("Bearer " + KEY);
  }

  @Test
  void retriesAThrottledRequestAfterTheWaitTheServiceAsks() {
    service.reply(429, "{\"error\": {\"message\": \"Rate limit reached\"}}", "Retry-After", "1");

    List<float[]> vectors = embedder().build().embed(List.of("hello"));

    assertThat(vectors).hasSize(1);
    assertThat(service.received()).hasSize(2);
  }

  @Test
  void honorsAzuresAndOpenAisWaitInMilliseconds() {
    service.reply(429, "{}", "retry-after-ms", "20", "Retry-After", "3600");

    assertThat(embedder().build().embed(List.of("hello"))).hasSize(1);
    assertThat(service.received()).hasSize(2);
  }

  @Test
  void retriesServerErrorsUntilTheRetriesAreSpent() {
    service.reply(500, "{\"error\": {\"message\": \"overloaded\"}}");
    assertThat(embedder().maxRetries(2).build().embed(List.of("once"))).hasSize(1);
    assertThat(service.received()).hasSize(2);

    for (int i = 0; i < 3; i++) {
      service.reply(503, "{\"error\": {\"message\": \"still overloaded\"}}");
    }
    Embedder embedder = embedder().maxRetries(2).build();
    assertThatThrownBy(() -> embedder.embed(List.of("twice")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("HTTP 503 (3 attempts): still overloaded")
        .hasMessageContaining("openai:nomic-embed-text at " + service.baseUrl());
    assertThat(service.received()).hasSize(5);
  }

  @Test
  void aWaitLongerThanMaxBackoffIsNotRetried() {
    service.reply(429, "{\"error\": {\"message\": \"quota\"}}", "Retry-After", "3600");
    Embedder embedder = embedder().build();

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("HTTP 429: quota")
        .hasMessageContaining("retry after 3600");
    assertThat(service.received()).hasSize(1);
  }

  @Test
  void clientErrorsAreNotRetriedAndCarryTheServicesMessage() {
    service.reply(400, "{\"error\": {\"message\": \"input is too long\", \"type\": \"invalid\"}}");
    Embedder embedder = embedder().build();

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isExactlyInstanceOf(EngramException.class)
        .hasMessage("openai:nomic-embed-text at " + service.baseUrl()
            + ": HTTP 400: input is too long");
    assertThat(service.received()).hasSize(1);
  }

  @Test
  void aRefusedKeyIsNamedByItsVariableAndNeverShown() {
    service.reply(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}");
    OpenAiEmbedder embedder = embedder().build();

    Throwable thrown = catchThrowable(() -> embedder.embed(List.of("x")));

    assertThat(thrown)
        .isExactlyInstanceOf(EngramException.class)
        .hasMessageContaining("HTTP 401: Incorrect API key provided")
        .hasMessageContaining("TEST_EMBEDDINGS_KEY")
        .hasMessageNotContaining(KEY);
    assertThat(service.received()).hasSize(1);
    assertThat(embedder.toString())
        .contains("openai:nomic-embed-text", service.baseUrl())
        .doesNotContain(KEY);
  }

  @Test
  void errorBodiesOfOtherServicesAreReadToo() {
    service.reply(404, "{\"error\": \"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}");
    service.reply(500, "<html>Bad gateway</html>");
    Embedder embedder = embedder().maxRetries(0).build();

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .hasMessageEndingWith("HTTP 404: model \"nomic-embed-text\" not found, try pulling it first");
    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .hasMessageEndingWith("HTTP 500: <html>Bad gateway</html>");
  }

  @Test
  void aRequestWithoutAnswerTimesOut() {
    service.stall();
    Embedder embedder = embedder().requestTimeout(Duration.ofMillis(200)).maxRetries(0).build();

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("openai:nomic-embed-text at " + service.baseUrl())
        .hasMessageContaining("timed out");
  }

  @Test
  void aTimedOutRequestIsRetried() {
    service.stall();
    Embedder embedder = embedder().requestTimeout(Duration.ofMillis(200)).maxRetries(1).build();

    assertThat(embedder.embed(List.of("x"))).hasSize(1);
    assertThat(service.received()).hasSize(2);
  }

  @Test
  void anUnreachableServiceIsRetriedThenReported() throws IOException {
    String baseUrl;
    try (ServerSocket closedRightAway = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      baseUrl = "http://127.0.0.1:" + closedRightAway.getLocalPort() + "/v1";
    }
    Embedder embedder = embedder().baseUrl(baseUrl).maxRetries(1).build();

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("openai:nomic-embed-text at " + baseUrl + " could not be reached (2 attempts)");
  }

  @Test
  void vectorsOfAnotherLengthThanConfiguredAreRejected() {
    Embedder embedder = embedder().dimensions(4).build();

    assertThat(embedder.dimensions()).isEqualTo(4);
    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isInstanceOf(EngramException.class)
        .hasMessageContaining("returned a vector of 3 dimensions, expected 4");
  }

  @Test
  void openAisOwnModelsAreKnownAndChecked() {
    Embedder embedder = embedder().model("text-embedding-3-small").build();

    assertThat(embedder.dimensions()).isEqualTo(1536);
    assertThat(service.received()).isEmpty();
    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .hasMessageContaining("returned a vector of 3 dimensions, expected 1536");
  }

  @Test
  void anUnknownModelsDimensionsAreAskedOnceThenHeldTo() {
    Embedder embedder = embedder().build();

    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(service.received()).hasSize(1);
    service.reply(200, "{\"data\": [{\"index\": 0, \"embedding\": [1, 2]}]}");
    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .hasMessageContaining("returned a vector of 2 dimensions, expected 3");
  }

  @Test
  void aResponseThatDoesNotMatchTheTextsIsRejected() {
    service.reply(200, "{\"data\": [{\"index\": 0, \"embedding\": [1, 2, 3]}]}");
    service.reply(200, "{\"data\": [{\"index\": 0, \"embedding\": [1, 2, 3]},"
        + " {\"index\": 0, \"embedding\": [1, 2, 3]}]}");
    service.reply(200, "not json");
    Embedder embedder = embedder().build();

    assertThatThrownBy(() -> embedder.embed(List.of("a", "b")))
        .hasMessageContaining("returned 1 vectors for 2 texts");
    assertThatThrownBy(() -> embedder.embed(List.of("a", "b")))
        .hasMessageContaining("returned a vector with index 0 for 2 texts (twice)");
    assertThatThrownBy(() -> embedder.embed(List.of("a", "b")))
        .hasMessageContaining("answered with something other than embeddings");
  }

  @Test
  void aLoopbackServiceMayGoWithoutAKey() {
    OpenAiEmbedder embedder =
        OpenAiEmbedder.builder()
            .environment(name -> null)
            .baseUrl(service.baseUrl())
            .model("nomic-embed-text")
            .build();

    assertThat(embedder.embed(List.of("x"))).hasSize(1);
    assertThat(service.received().get(0).authorization()).isNull();
  }

  @Test
  void aRemoteServiceNeedsAKey() {
    OpenAiEmbedder.Builder builder =
        OpenAiEmbedder.builder().environment(name -> null).model("text-embedding-3-small");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("embedder openai:text-embedding-3-small needs an API key for"
            + " https://api.openai.com/v1: set OPENAI_API_KEY");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    OpenAiEmbedder.Builder builder = OpenAiEmbedder.builder();

    assertThatThrownBy(() -> builder.baseUrl("ftp://example.com")).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> builder.baseUrl("localhost:11434")).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> builder.baseUrl("https://x.example/v1?api-version=1"))
        .hasMessageContaining("baseUrl must not have a query");
    assertThatThrownBy(() -> builder.model(" ")).hasMessageContaining("model");
    assertThatThrownBy(() -> builder.apiKeyEnv()).hasMessageContaining("apiKeyEnv");
    assertThatThrownBy(() -> builder.apiKeyEnv("A=B")).hasMessageContaining("apiKeyEnv");
    assertThatThrownBy(() -> builder.dimensions(0)).hasMessageContaining("dimensions");
    assertThatThrownBy(() -> builder.batchSize(0)).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> builder.maxRetries(-1)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> builder.initialBackoff(Duration.ZERO))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> builder.maxBackoff(null)).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(builder::build).hasMessageContaining("model must be set");
    assertThatThrownBy(
            () -> embedder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1))
                .build())
        .hasMessageContaining("initialBackoff (PT5S) must not exceed maxBackoff (PT1S)");
    assertThat(embedder().baseUrl(service.baseUrl() + "/").build().toString())
        .isEqualTo("OpenAiEmbedder[openai:nomic-embed-text at " + service.baseUrl() + "]");
  }
}
