package dev.engram.client;

import dev.engram.InvalidInputException;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A client of an Engram server (started with {@code engram serve}), for applications on Java 17
 * or newer. It implements the engram-api contracts over HTTP, so code written against {@link
 * Store} runs unchanged against a local store or a server:
 *
 * <pre>{@code
 * EngramClient client = EngramClient.builder("http://127.0.0.1:8080")
 *     .apiKey(System.getenv("ENGRAM_API_KEY"))
 *     .build();
 * Store store = client.store();
 * store.put(Namespace.of("users", "alice"), "prefs", Map.of("lang", "en"));
 * client.conversations().append("users.alice.chat-42", Message.user("hi"));
 * }</pre>
 *
 * <p>Errors are the contracts' exceptions, mapped from the server's status and error code: 422
 * {@link dev.engram.InvalidInputException} (or {@link dev.engram.UnsupportedFeatureException}),
 * 409 {@link dev.engram.VersionConflictException} (or {@link
 * dev.engram.ReindexRequiredException} when the index needs a reindex), 413
 * {@link dev.engram.ValueTooLargeException}, 503 (or no answer in time) {@link
 * dev.engram.BackendUnavailableException}, 404 for a missing conversation or thread {@link
 * dev.engram.NotFoundException} (where the contract throws), 401/403 {@link AccessDeniedException}.
 *
 * <p>Thread-safe; connections are kept alive and shared by every thread. One client per server is
 * enough for a whole application.
 */
public final class EngramClient {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final Transport transport;

  private EngramClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * A builder for a client of the server at {@code baseUri}, e.g. {@code http://127.0.0.1:8080}.
   *
   * @throws InvalidInputException when the URI is not an absolute http or https URI
   */
  public static Builder builder(String baseUri) {
    return new Builder(baseUri);
  }

  /** The server's long-term store. */
  public Store store() {
    return new HttpStore(transport);
  }

  /** The server's conversations. */
  public ConversationStore conversations() {
    return new HttpConversationStore(transport);
  }

  /** The server's checkpoints (LangGraph's checkpointer). */
  public CheckpointStore checkpoints() {
    return new HttpCheckpointStore(transport);
  }

  @Override
  public String toString() {
    return "EngramClient[" + transport.base() + "]";
  }

  /** Builds an {@link EngramClient}; rejects bad settings at once, naming them. */
  public static final class Builder {
    private final URI baseUri;
    private @Nullable String apiKey;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder(String baseUri) {
      URI uri;
      try {
        uri = baseUri == null ? null : URI.create(baseUri);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("baseUri is not a URI: " + e.getMessage(), e);
      }
      if (uri == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new InvalidInputException(
            "baseUri must be an http:// or https:// URI with a host, was " + baseUri);
      }
      // Endpoint paths resolve against the base: keep any path prefix, end it with a slash.
      String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
      this.baseUri = uri.resolve(path.endsWith("/") ? path : path + "/");
    }

    /** The API key sent as {@code x-api-key}; null or blank sends none (a server open on loopback). */
    public Builder apiKey(@Nullable String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      return this;
    }

    /** How long to wait for a connection; default 5 seconds. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each response; default 30 seconds. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    public EngramClient build() {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .build();
      return new EngramClient(new Transport(http, baseUri, apiKey, requestTimeout));
    }

    private static Duration positive(Duration timeout, String setting) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new InvalidInputException(setting + " must be positive, was " + timeout);
      }
      return timeout;
    }
  }
}
