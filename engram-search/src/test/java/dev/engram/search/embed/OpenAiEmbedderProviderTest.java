package dev.engram.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Embedder;
import dev.engram.InvalidInputException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code openai:MODEL} as a store's index configuration names it, set up from the environment. */
class OpenAiEmbedderProviderTest {
  private EmbeddingService service;

  @BeforeEach
  void startService() throws IOException {
    service = EmbeddingService.start(3);
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void supportsOnlyOpenAiNames() {
    OpenAiEmbedderProvider provider = new OpenAiEmbedderProvider(Map.<String, String>of()::get);

    assertThat(provider.supports("openai:text-embedding-3-small")).isTrue();
    assertThat(provider.supports("local")).isFalse();
    assertThat(provider.supports("openaiish")).isFalse();
  }

  @Test
  void readsTheServiceAndTheKeyFromTheEnvironment() {
    Embedder embedder = provider(Map.of(
        "ENGRAM_OPENAI_BASE_URL", service.baseUrl(),
        "OPENAI_API_KEY", "sk-general")).create("openai:nomic-embed-text");

    embedder.embed(List.of("x"));

    assertThat(embedder.id()).isEqualTo("openai:nomic-embed-text");
    assertThat(service.received().get(0).model()).isEqualTo("nomic-embed-text");
    assertThat(service.received().get(0).authorization()).isEqualTo("Bearer sk-general");
  }

  @Test
  void engramsOwnKeyVariableComesFirst() {
    Embedder embedder = provider(Map.of(
        "ENGRAM_OPENAI_BASE_URL", service.baseUrl(),
        "ENGRAM_OPENAI_API_KEY", "sk-engram",
        "OPENAI_API_KEY", "sk-general")).create("openai:nomic-embed-text");

    embedder.embed(List.of("x"));

    assertThat(service.received().get(0).authorization()).isEqualTo("Bearer sk-engram");
  }

  @Test
  void withoutAKeyNamesBothVariables() {
    assertThatThrownBy(() -> provider(Map.of()).create("openai:text-embedding-3-small"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("https://api.openai.com/v1")
        .hasMessageContaining("ENGRAM_OPENAI_API_KEY or OPENAI_API_KEY");
  }

  @Test
  void aLoopbackServiceNeedsNoKey() {
    Embedder embedder = provider(Map.of("ENGRAM_OPENAI_BASE_URL", service.baseUrl()))
        .create("openai:nomic-embed-text");

    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(service.received().get(0).authorization()).isNull();
  }

  @Test
  void rejectsAMissingModelAndABadBaseUrl() {
    assertThatThrownBy(() -> provider(Map.of("OPENAI_API_KEY", "k")).create("openai:"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("openai:MODEL");
    assertThatThrownBy(() -> provider(Map.of("ENGRAM_OPENAI_BASE_URL", "localhost:11434"))
            .create("openai:nomic-embed-text"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("ENGRAM_OPENAI_BASE_URL: baseUrl must be");
  }

  private static OpenAiEmbedderProvider provider(Map<String, String> environment) {
    return new OpenAiEmbedderProvider(environment::get);
  }
}
