package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendProvider;
import dev.engram.spi.BackendUri;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The backend providers on the class path, by URI scheme. */
final class Backends {
  private Backends() {}

  private static final class Registry {
    static final Map<String, BackendProvider> BY_SCHEME = load();

    private static Map<String, BackendProvider> load() {
      Map<String, BackendProvider> byScheme = new TreeMap<>();
      for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
        for (String scheme : provider.schemes()) {
          byScheme.putIfAbsent(scheme, provider);
        }
      }
      return Map.copyOf(byScheme);
    }
  }

  static Set<String> schemes() {
    return new java.util.TreeSet<>(Registry.BY_SCHEME.keySet());
  }

  static BackendProvider forUri(BackendUri uri) {
    BackendProvider provider = Registry.BY_SCHEME.get(uri.scheme());
    if (provider == null) {
      throw new InvalidInputException(
          "no backend for store URI scheme \""
              + uri.scheme()
              + ":\" in "
              + uri.redacted()
              + "; available: "
              + schemes()
              + " (add the backend's module to the class path)");
    }
    return provider;
  }
}
