package dev.engram.search.embed;

import dev.engram.Embedder;
import dev.engram.InvalidInputException;
import dev.engram.spi.EmbedderProvider;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@code openai:MODEL} embedders from the environment: the service at {@value #BASE_URL_ENV}
 * (default {@value OpenAiEmbedder#DEFAULT_BASE_URL}), the key in {@value #API_KEY_ENV}, else in
 * {@value OpenAiEmbedder#DEFAULT_API_KEY_ENV}. A loopback base URL (a local Ollama or vLLM) needs
 * no key; every other setting is {@link OpenAiEmbedder}'s default.
 */
public final class OpenAiEmbedderProvider implements EmbedderProvider {
  public static final String BASE_URL_ENV = "ENGRAM_OPENAI_BASE_URL";
  public static final String API_KEY_ENV = "ENGRAM_OPENAI_API_KEY";
  private static final String PREFIX = "openai:";

  private final Function<String, @Nullable String> environment;

  /** For {@link java.util.ServiceLoader}. */
  public OpenAiEmbedderProvider() {
    this(System::getenv);
  }

  OpenAiEmbedderProvider(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  @Override
  public boolean supports(String name) {
    return name.startsWith(PREFIX);
  }

  @Override
  public Embedder create(String name) {
    String model = name.substring(PREFIX.length());
    if (model.isBlank()) {
      throw new InvalidInputException(
          "embedder \"" + name + "\" names no model: use openai:MODEL, e.g."
              + " openai:text-embedding-3-small");
    }
    OpenAiEmbedder.Builder builder =
        OpenAiEmbedder.builder()
            .environment(environment)
            .model(model)
            .apiKeyEnv(API_KEY_ENV, OpenAiEmbedder.DEFAULT_API_KEY_ENV);
    String baseUrl = environment.apply(BASE_URL_ENV);
    if (baseUrl != null && !baseUrl.isBlank()) {
      try {
        builder.baseUrl(baseUrl);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(BASE_URL_ENV + ": " + e.getMessage(), e);
      }
    }
    return builder.build();
  }
}
