package dev.engram.search.embed;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One service's {@code POST /embeddings}: sends a batch with the key, retries as {@link
 * HttpRetries} says, and turns failures into exceptions that carry the status and the service's
 * message, never the key.
 */
final class EmbeddingsEndpoint {
  private final String who;
  private final String model;
  private final URI uri;
  private final @Nullable String apiKey;
  private final String apiKeySource;
  private final Duration requestTimeout;
  private final HttpRetries retries;
  private final HttpClient client;

  /**
   * @param who the embedder and service, for messages
   * @param apiKeySource the environment variable the key came from (or, without a key, the ones
   *     that could hold it)
   */
  EmbeddingsEndpoint(
      String who,
      String model,
      String baseUrl,
      @Nullable String apiKey,
      String apiKeySource,
      Duration connectTimeout,
      Duration requestTimeout,
      HttpRetries retries) {
    this.who = who;
    this.model = model;
    this.uri = URI.create(baseUrl + "/embeddings");
    this.apiKey = apiKey;
    this.apiKeySource = apiKeySource;
    this.requestTimeout = requestTimeout;
    this.retries = retries;
    // HTTP/1.1: one request at a time gains nothing from HTTP/2, and a plain-http local server
    // (Ollama, vLLM) is spared the h2c upgrade attempt.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The service's vectors for {@code texts}, in their order, as the service gave them. */
  List<float[]> post(List<String> texts) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(OpenAiProtocol.request(model, texts)));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpRetries.Outcome outcome;
    try {
      outcome = retries.send(client, request.build());
    } catch (IOException e) {
      throw new BackendUnavailableException(
          who + " could not be reached (" + retries.maxAttempts() + " attempts): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngramException(who + ": interrupted while waiting for embeddings", e);
    }
    HttpResponse<byte[]> response = outcome.response();
    if (response.statusCode() / 100 != 2) {
      throw failure(outcome);
    }
    return OpenAiProtocol.vectors(response.body(), texts.size(), who);
  }

  private EngramException failure(HttpRetries.Outcome outcome) {
    HttpResponse<byte[]> response = outcome.response();
    int status = response.statusCode();
    StringBuilder message = new StringBuilder(who).append(": HTTP ").append(status);
    if (outcome.attempts() > 1) {
      message.append(" (").append(outcome.attempts()).append(" attempts)");
    }
    message.append(": ").append(withoutKey(OpenAiProtocol.errorMessage(response.body())));
    response.headers().firstValue("retry-after").ifPresent(
        wait -> message.append(" (the service asks to retry after ").append(wait).append(")"));
    if (status == 401 || status == 403) {
      message.append(apiKey != null
          ? " (the key comes from environment variable " + apiKeySource + ")"
          : " (no key was sent: set " + apiKeySource + ")");
    }
    return HttpRetries.retryable(status)
        ? new BackendUnavailableException(message.toString())
        : new EngramException(message.toString());
  }

  /** A service may echo the key it refused; it must not reach logs through our message. */
  private String withoutKey(String text) {
    return apiKey == null ? text : text.replace(apiKey, "[key]");
  }
}
