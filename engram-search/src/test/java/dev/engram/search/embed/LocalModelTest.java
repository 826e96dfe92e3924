package dev.engram.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.engram.Embedder;
import dev.engram.InvalidInputException;
import dev.engram.spi.EmbedderProvider;
import dev.engram.spi.Vectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both local candidates, loaded for real from their jars. */
class LocalModelTest {

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void makesUnitVectorsOf384Dimensions(LocalModel model) {
    Embedder embedder = model.embedder();

    List<float[]> vectors =
        embedder.embed(List.of("The user prefers dark mode.", "Meeting moved to Friday."));

    assertThat(embedder.id()).isEqualTo(model.id()).startsWith("local:");
    assertThat(embedder.dimensions()).isEqualTo(384);
    assertThat(vectors).hasSize(2).allSatisfy(v -> {
      assertThat(v).hasSize(384);
      assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
    });
  }

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void scoresParaphrasesAboveUnrelatedSentences(LocalModel model) {
    List<float[]> v =
        model.embedder().embed(List.of(
            "The cat is sleeping on the sofa.",
            "A kitten naps on the couch.",
            "Quarterly revenue grew by ten percent.",
            "Alice is allergic to peanuts.",
            "Which foods must Alice avoid?",
            "The train to Berlin leaves at nine."));

    assertThat(Vectors.cosine(v.get(0), v.get(1)))
        .isGreaterThan(Vectors.cosine(v.get(0), v.get(2)))
        .isGreaterThan(Vectors.cosine(v.get(0), v.get(5)));
    assertThat(Vectors.cosine(v.get(3), v.get(4)))
        .isGreaterThan(Vectors.cosine(v.get(3), v.get(5)))
        .isGreaterThan(Vectors.cosine(v.get(4), v.get(2)));
  }

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void aLargeCallGivesWhatSingleCallsGiveInOrder(LocalModel model) {
    Embedder embedder = model.embedder();
    List<String> texts =
        IntStream.range(0, OnnxEmbedder.BATCH_SIZE + 6)
            .mapToObj(i -> "Note " + i + ": the customer asked about invoice " + (i * 7919 % 1000))
            .toList();

    List<float[]> together = embedder.embed(texts);

    assertThat(together).hasSize(texts.size());
    for (int i : new int[] {0, 1, OnnxEmbedder.BATCH_SIZE - 1, OnnxEmbedder.BATCH_SIZE,
        texts.size() - 1}) {
      float[] alone = embedder.embed(List.of(texts.get(i))).get(0);
      assertThat(Vectors.cosine(together.get(i), alone)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void embedsTextsLongerThanTheModelWindow() {
    String longText = String.join(" ", Collections.nCopies(400, "memory persists"));

    float[] vector = LocalModel.DEFAULT.embedder().embed(List.of(longText)).get(0);

    assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void rejectsBlankTextsNamingTheirPosition() {
    List<String> texts = new ArrayList<>(List.of("fine", " \n"));

    assertThatThrownBy(() -> LocalModel.DEFAULT.embedder().embed(texts))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(LocalModel.DEFAULT.id())
        .hasMessageContaining("texts[1]");
  }

  @Test
  void localMeansTheDefaultModelAndEachIdItsModel() {
    LocalEmbedderProvider provider = new LocalEmbedderProvider();

    assertThat(provider.supports("local")).isTrue();
    assertThat(provider.supports("local:all-minilm-l6-v2-q")).isTrue();
    assertThat(provider.supports("openai:text-embedding-3-small")).isFalse();
    assertThat(provider.create("local").id()).isEqualTo("local:all-minilm-l6-v2-q");
    assertThat(provider.create("local")).isSameAs(LocalModel.DEFAULT.embedder());
    for (LocalModel model : LocalModel.values()) {
      assertThat(provider.create(model.id())).isSameAs(model.embedder());
    }
  }

  @Test
  void anUnknownLocalModelListsTheKnownOnes() {
    assertThatThrownBy(() -> new LocalEmbedderProvider().create("local:gte-large"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("local:gte-large")
        .hasMessageContaining("local:bge-small-en-v1.5-q")
        .hasMessageContaining("local:all-minilm-l6-v2-q");
  }

  @Test
  void bothProvidersAreFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(EmbedderProvider.class).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList())
        .contains(LocalEmbedderProvider.class, OpenAiEmbedderProvider.class);
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
