package dev.engram.core;

import dev.engram.Embedder;
import dev.engram.UnsupportedFeatureException;
import dev.engram.spi.EmbedderProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** The embedder providers on the class path, asked in the order the class path lists them. */
final class Embedders {
  private Embedders() {}

  private static final class Registry {
    static final List<EmbedderProvider> PROVIDERS =
        ServiceLoader.load(EmbedderProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    static final Map<String, Embedder> MADE = new ConcurrentHashMap<>();
  }

  /**
   * The embedder {@code name} means ({@code local}, {@code openai:MODEL}, an exact id), made once
   * per process and shared by every store that names it: a local model is large and slow to load.
   */
  static Embedder create(String name) {
    return Registry.MADE.computeIfAbsent(name, Embedders::make);
  }

  private static Embedder make(String name) {
    for (EmbedderProvider provider : Registry.PROVIDERS) {
      if (provider.supports(name)) {
        return provider.create(name);
      }
    }
    throw new UnsupportedFeatureException(
        "no embedder named \"" + name + "\" is available: the local model and openai:MODEL come"
            + " with the engram-search module; add it to the class path, or give the store an"
            + " Embedder with that id");
  }
}
