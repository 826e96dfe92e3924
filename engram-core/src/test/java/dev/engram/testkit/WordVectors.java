package dev.engram.testkit;

import dev.engram.Embedder;
import dev.engram.spi.EmbedderProvider;
import dev.engram.spi.Vectors;
import dev.engram.spi.Words;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A small deterministic embedder for the kits: each word adds ±1 to one of {@value #DIMENSIONS}
 * buckets chosen by hashing it (feature hashing), then the vector is normalized. Texts sharing
 * words are close, texts without a common word are (almost) orthogonal, and every result is
 * predictable, so rankings can be asserted exactly. Two variants with different hashes stand for
 * two models. Registered as an {@link EmbedderProvider} under the ids below.
 */
public final class WordVectors implements Embedder {
  public static final int DIMENSIONS = 512;
  /** The kits' default model. */
  public static final String ID = "test:words";
  /** Another model: its vectors are unrelated to {@link #ID}'s. */
  public static final String OTHER_ID = "test:words-other";

  private final String id;
  private final int seed;

  private WordVectors(String id, int seed) {
    this.id = id;
    this.seed = seed;
  }

  public static WordVectors model() {
    return new WordVectors(ID, 0);
  }

  public static WordVectors otherModel() {
    return new WordVectors(OTHER_ID, 7919);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return texts.stream().map(this::embed).toList();
  }

  /** The vector of one text; the kits use it to compute expected cosine scores. */
  public float[] embed(String text) {
    float[] v = new float[DIMENSIONS];
    for (String word : Words.of(text)) {
      CRC32 crc = new CRC32();
      crc.update(seed);
      crc.update(word.getBytes(StandardCharsets.UTF_8));
      long h = crc.getValue();
      v[(int) (h % DIMENSIONS)] += (h & (1L << 31)) == 0 ? 1 : -1;
    }
    return Vectors.normalized(v);
  }

  /** Makes the two models from their ids, so stores opened by URI find them. */
  public static final class Provider implements EmbedderProvider {
    @Override
    public boolean supports(String name) {
      return name.equals(ID) || name.equals(OTHER_ID);
    }

    @Override
    public Embedder create(String name) {
      return name.equals(ID) ? model() : otherModel();
    }
  }
}
