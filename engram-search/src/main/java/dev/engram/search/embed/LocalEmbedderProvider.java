package dev.engram.search.embed;

import dev.engram.Embedder;
import dev.engram.IndexConfig;
import dev.engram.spi.EmbedderProvider;

/**
 * Makes the in-process models: {@code local} (the {@link LocalModel#DEFAULT default}) and {@code
 * local:MODEL} for an exact {@link LocalModel#id()}.
 */
public final class LocalEmbedderProvider implements EmbedderProvider {

  /** For {@link java.util.ServiceLoader}. */
  public LocalEmbedderProvider() {}

  @Override
  public boolean supports(String name) {
    return name.equals(IndexConfig.LOCAL_EMBEDDER)
        || name.startsWith(IndexConfig.LOCAL_EMBEDDER + ":");
  }

  @Override
  public Embedder create(String name) {
    return LocalModel.named(name).embedder();
  }
}
