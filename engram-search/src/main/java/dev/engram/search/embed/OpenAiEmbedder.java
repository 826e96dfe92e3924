package dev.engram.search.embed;

import dev.engram.Embedder;
import dev.engram.EngramException;
import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import dev.engram.spi.Vectors;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An embedder calling an OpenAI-compatible {@code POST {baseUrl}/embeddings} API: OpenAI, Azure
 * OpenAI's v1 endpoint, Ollama, vLLM and the like. Texts go in batches of {@link
 * Builder#batchSize}; throttled (429), failed (5xx) and unanswered requests are retried with
 * backoff. The key is read from an environment variable, sent as a bearer token, and never
 * appears in a message or in {@link #toString()}. Vectors are returned at unit length.
 *
 * <p>The id is {@code openai:MODEL} whatever the base URL: the model name is what makes vectors
 * comparable. Thread-safe.
 */
public final class OpenAiEmbedder implements Embedder {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** OpenAI's own models, so that configuring an index with one costs no request. */
  private static final Map<String, Integer> KNOWN_DIMENSIONS =
      Map.of(
          "text-embedding-3-small", 1536,
          "text-embedding-3-large", 3072,
          "text-embedding-ada-002", 1536);

  private final String model;
  private final String baseUrl;
  private final int batchSize;
  private final EmbeddingsEndpoint endpoint;
  /** Configured, known, or learned from the first response; 0 until then. */
  private final AtomicInteger dimensions;

  private OpenAiEmbedder(Builder builder, String model, @Nullable String apiKey, String source) {
    this.model = model;
    this.baseUrl = builder.baseUrl;
    this.batchSize = builder.batchSize;
    this.endpoint =
        new EmbeddingsEndpoint(
            who(),
            model,
            builder.baseUrl,
            apiKey,
            source,
            builder.connectTimeout,
            builder.requestTimeout,
            new HttpRetries(builder.maxRetries, builder.initialBackoff, builder.maxBackoff));
    this.dimensions =
        new AtomicInteger(
            builder.dimensions != 0 ? builder.dimensions : KNOWN_DIMENSIONS.getOrDefault(model, 0));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return "openai:" + model;
  }

  /** The vectors' length; for a model of unknown size, the service is asked once. */
  @Override
  public int dimensions() {
    if (dimensions.get() == 0) {
      embed(List.of("How long are your vectors?"));
    }
    return dimensions.get();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      for (float[] vector :
          endpoint.post(texts.subList(from, Math.min(texts.size(), from + batchSize)))) {
        dimensions.compareAndSet(0, vector.length);
        if (vector.length != dimensions.get()) {
          throw new EngramException(
              who() + " returned a vector of " + vector.length + " dimensions, expected "
                  + dimensions.get());
        }
        vectors.add(Vectors.normalized(vector));
      }
    }
    return vectors;
  }

  @Override
  public String toString() {
    return "OpenAiEmbedder[" + who() + "]";
  }

  private String who() {
    return id() + " at " + baseUrl;
  }

  /** Builds an {@link OpenAiEmbedder}; rejects bad settings at once, naming them. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private @Nullable String model;
    private List<String> apiKeyEnv = List.of(DEFAULT_API_KEY_ENV);
    private int dimensions;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Function<String, @Nullable String> environment = System::getenv;

    private Builder() {}

    /**
     * The API root the path {@code /embeddings} is appended to; default {@value
     * #DEFAULT_BASE_URL}. E.g. {@code http://localhost:11434/v1} for Ollama, {@code
     * https://RESOURCE.openai.azure.com/openai/v1} for Azure.
     */
    public Builder baseUrl(String baseUrl) {
      URI uri;
      try {
        uri = new URI(baseUrl == null ? "" : baseUrl.strip());
      } catch (java.net.URISyntaxException e) {
        throw new InvalidInputException(
            "baseUrl must be an http or https URL, was \"" + baseUrl + "\": " + e.getMessage());
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new InvalidInputException(
            "baseUrl must be an http or https URL with a host, was \"" + baseUrl + "\"");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new InvalidInputException(
            "baseUrl must not have a query or fragment (\"/embeddings\" is appended to it), was \""
                + baseUrl + "\"");
      }
      this.baseUrl = uri.toString().replaceAll("/+$", "");
      return this;
    }

    /** The model name the service knows, e.g. {@code text-embedding-3-small}; required. */
    public Builder model(String model) {
      if (model == null || model.isBlank()) {
        throw new InvalidInputException("model must not be blank, was \"" + model + "\"");
      }
      this.model = model;
      return this;
    }

    /**
     * The environment variables that may hold the API key, the first one set winning; default
     * {@value #DEFAULT_API_KEY_ENV}. Without a key only a loopback base URL may be used (a local
     * Ollama or vLLM); no key is sent to it.
     */
    public Builder apiKeyEnv(String... names) {
      if (names == null || names.length == 0) {
        throw new InvalidInputException("apiKeyEnv must name at least one environment variable");
      }
      for (String name : names) {
        if (name == null || name.isBlank() || name.contains("=")) {
          throw new InvalidInputException(
              "apiKeyEnv must name environment variables, was \"" + name + "\"");
        }
      }
      this.apiKeyEnv = List.of(names);
      return this;
    }

    /**
     * The vectors' length, checked against every response; default: known for OpenAI's models,
     * else learned from the first response.
     */
    public Builder dimensions(int dimensions) {
      if (dimensions < 1 || dimensions > IndexConfig.MAX_DIMENSIONS) {
        throw new InvalidInputException(
            "dimensions must be between 1 and " + IndexConfig.MAX_DIMENSIONS + ", was "
                + dimensions);
      }
      this.dimensions = dimensions;
      return this;
    }

    /** Most texts sent in one request; default {@value #DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(int batchSize) {
      this.batchSize = atLeast(batchSize, 1, "batchSize");
      return this;
    }

    /** Requests sent again after a 408, 429, 5xx or I/O error; default {@value #DEFAULT_MAX_RETRIES}. */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = atLeast(maxRetries, 0, "maxRetries");
      return this;
    }

    /** Wait before the first retry (then doubling, with jitter); default 500 ms. */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = positive(backoff, "initialBackoff");
      return this;
    }

    /**
     * Longest wait between attempts; default 30 s. A service asking (Retry-After) for a longer
     * wait gets no retry: its error is thrown.
     */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = positive(backoff, "maxBackoff");
      return this;
    }

    /** Time to open a connection; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Time for one request's response; default 60 s. A timed-out request is retried. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Where environment variables are read from: the provider's and the tests' own. */
    Builder environment(Function<String, @Nullable String> environment) {
      this.environment = environment;
      return this;
    }

    /**
     * @throws InvalidInputException when the model is not set, the backoffs contradict, or no
     *     key is set for a service that is not on loopback
     */
    public OpenAiEmbedder build() {
      if (model == null) {
        throw new InvalidInputException("model must be set, e.g. text-embedding-3-small");
      }
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new InvalidInputException(
            "initialBackoff (" + initialBackoff + ") must not exceed maxBackoff (" + maxBackoff
                + ")");
      }
      for (String name : apiKeyEnv) {
        String key = environment.apply(name);
        if (key != null && !key.isBlank()) {
          return new OpenAiEmbedder(this, model, key.strip(), name);
        }
      }
      String names = String.join(" or ", apiKeyEnv);
      if (!onLoopback(URI.create(baseUrl).getHost())) {
        throw new InvalidInputException(
            "embedder openai:" + model + " needs an API key for " + baseUrl + ": set " + names);
      }
      return new OpenAiEmbedder(this, model, null, names);
    }

    private static boolean onLoopback(String host) {
      return host.equalsIgnoreCase("localhost")
          || host.matches("127(\\.\\d{1,3}){3}")
          || host.equals("[::1]")
          || host.equals("[0:0:0:0:0:0:0:1]");
    }

    private static int atLeast(int value, int min, String setting) {
      if (value < min) {
        throw new InvalidInputException(setting + " must be at least " + min + ", was " + value);
      }
      return value;
    }

    private static Duration positive(Duration duration, String setting) {
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new InvalidInputException(setting + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
