package dev.engram;

import java.util.List;

/**
 * Turns texts into vectors for semantic search. Engram ships a local in-process model (the
 * default) and an OpenAI-compatible HTTP client; an application may plug its own. Implementations
 * are thread-safe; a store caches results, so the same text is not embedded twice for one model.
 */
public interface Embedder {

  /**
   * Names the model exactly, e.g. {@code local:bge-small-en-v1.5-q} or {@code
   * openai:text-embedding-3-small}. Recorded with every vector: vectors of different ids are
   * never compared.
   */
  String id();

  /** The length of every vector this embedder returns. */
  int dimensions();

  /**
   * One vector per text, in the order given. Implementations batch as their model or service
   * allows; a failure throws an {@link EngramException} naming the embedder.
   */
  List<float[]> embed(List<String> texts);
}
