package dev.engram.core;

import dev.engram.Embedder;
import dev.engram.EngramException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} that remembers the vectors of recent texts, keyed by the SHA-256 of the text
 * (the model is fixed per instance), so re-putting an unchanged item, reindexing, or repeating a
 * query does not embed the same text again. Texts repeated within one call are embedded once.
 * Least recently used entries go first once {@code capacity} is reached.
 */
final class CachingEmbedder implements Embedder {
  private final Embedder model;
  private final Map<Digest, float[]> cache;

  CachingEmbedder(Embedder model, int capacity) {
    this.model = model;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Digest, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public int dimensions() {
    return model.dimensions();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<Digest> digests = texts.stream().map(Digest::of).toList();
    Map<Digest, float[]> found = new HashMap<>();
    Map<Digest, String> missing = new LinkedHashMap<>();
    synchronized (cache) {
      for (int i = 0; i < texts.size(); i++) {
        float[] vector = cache.get(digests.get(i));
        if (vector != null) {
          found.put(digests.get(i), vector);
        } else {
          missing.put(digests.get(i), texts.get(i));
        }
      }
    }
    if (!missing.isEmpty()) {
      // Embedding runs outside the lock: it is the slow part, and callers embed concurrently.
      List<float[]> vectors = model.embed(new ArrayList<>(missing.values()));
      if (vectors.size() != missing.size()) {
        throw new EngramException(
            "embedder " + model.id() + " returned " + vectors.size() + " vectors for "
                + missing.size() + " texts");
      }
      int i = 0;
      synchronized (cache) {
        for (Digest digest : missing.keySet()) {
          float[] vector = checked(vectors.get(i++));
          cache.put(digest, vector);
          found.put(digest, vector);
        }
      }
    }
    return digests.stream().map(found::get).toList();
  }

  private float[] checked(float[] vector) {
    if (vector == null || vector.length != model.dimensions()) {
      throw new EngramException(
          "embedder " + model.id() + " returned a vector of "
              + (vector == null ? "null" : vector.length + " dimensions") + ", expected "
              + model.dimensions());
    }
    return vector;
  }

  /** A text's SHA-256, as a map key. */
  private record Digest(byte[] bytes) {
    static Digest of(String text) {
      try {
        return new Digest(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK always provides SHA-256", e);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Digest other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return java.util.HexFormat.of().formatHex(bytes);
    }
  }
}
