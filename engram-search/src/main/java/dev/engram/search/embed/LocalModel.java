package dev.engram.search.embed;

import dev.engram.Embedder;
import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The embedding models Engram runs in-process, offline and without a key: int8-quantized English
 * sentence encoders (384 dimensions) whose ONNX weights and tokenizers ship inside Maven Central
 * jars. Texts longer than the model's 510-token window are embedded in windows and averaged.
 *
 * <p>Each model is loaded once per process, on its first embedding (a second or two, about 100
 * MB). Every text runs on one core; the texts of one call run in parallel on a shared pool of
 * daemon threads, one per available processor.
 */
public enum LocalModel {
  /** BAAI's bge-small-en-v1.5 (12 layers, CLS pooling). */
  BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", true),
  /** sentence-transformers' all-MiniLM-L6-v2 (6 layers, mean pooling): about 2× faster than bge. */
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", false);

  /**
   * The model {@code local} means: MiniLM, because on Engram's labelled retrieval set it found
   * more of the right facts (recall@5 0.94 against 0.91) in half the time (docs/BENCHMARKS.md).
   */
  public static final LocalModel DEFAULT = ALL_MINILM_L6_V2_Q;

  private static final String PREFIX = IndexConfig.LOCAL_EMBEDDER + ":";

  private final String name;
  private final boolean clsPooling;

  LocalModel(String name, boolean clsPooling) {
    this.name = name;
    this.clsPooling = clsPooling;
  }

  /** The exact embedder id, e.g. {@code local:bge-small-en-v1.5-q}. */
  public String id() {
    return PREFIX + name;
  }

  public int dimensions() {
    return 384;
  }

  /** This model's embedder, one per process: loading the model is what costs. */
  public Embedder embedder() {
    return OnnxEmbedder.of(this);
  }

  /**
   * The model an embedder name means: {@code local} for {@link #DEFAULT}, or an exact {@link
   * #id()}.
   *
   * @throws InvalidInputException for any other name, listing the known ids
   */
  public static LocalModel named(String name) {
    if (IndexConfig.LOCAL_EMBEDDER.equals(name)) {
      return DEFAULT;
    }
    for (LocalModel model : values()) {
      if (model.id().equals(name)) {
        return model;
      }
    }
    throw new InvalidInputException(
        "no local embedding model is named \"" + name + "\"; known: " + IndexConfig.LOCAL_EMBEDDER
            + " (" + DEFAULT.id() + "), "
            + Arrays.stream(values()).map(LocalModel::id).collect(Collectors.joining(", ")));
  }

  /** The ONNX file's resource name in the model's jar; its tokenizer is beside it. */
  String modelResource() {
    return name + ".onnx";
  }

  String tokenizerResource() {
    return name + "-tokenizer.json";
  }

  /** BGE reads the sentence off the [CLS] token; MiniLM averages all tokens. */
  boolean clsPooling() {
    return clsPooling;
  }
}
