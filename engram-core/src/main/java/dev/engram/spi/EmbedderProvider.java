package dev.engram.spi;

import dev.engram.Embedder;

/**
 * Creates the {@link Embedder} an index configuration names, so a store opened by URI finds the
 * model its data was indexed with. Found through {@link java.util.ServiceLoader}; the first
 * provider that {@link #supports} a name creates it.
 */
public interface EmbedderProvider {

  /** Whether this provider makes embedders named like {@code name} ({@code local}, {@code openai:…}). */
  boolean supports(String name);

  /**
   * The embedder {@code name} means; its {@link Embedder#id()} is the exact model id (which may
   * differ from {@code name}, e.g. {@code local} resolves to the local model's full id).
   *
   * @throws dev.engram.InvalidInputException when the name is malformed or its settings are
   *     missing (naming what is missing)
   */
  Embedder create(String name);
}
