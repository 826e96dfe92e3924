package dev.engram.redis;

import dev.engram.InvalidInputException;
import dev.engram.ReindexRequiredException;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How an item's search index ({@link ItemIndex}) is kept in the item's own hash, beside {@link
 * ItemFields}: {@code m} the model id, {@code f} the item's own index paths as a JSON array (absent
 * when it follows the store's configuration), {@code x} the entries' paths and texts as one flat
 * JSON array {@code [path, text, path, text, …]}, {@code w} the entries' vectors back to back as
 * little-endian floats (the form of {@link Vectors#toBytes}). An item never indexed has none of
 * them. Being fields of the item's hash, they are written by the put's script, expire with the
 * item and go with it on delete and sweep, without any work of their own.
 */
final class IndexFields {
  /** The fields a reindexing scan reads after {@link ItemFields#NAMES}. */
  static final String[] SCAN_NAMES = {"m", "f"};
  /** Stands for a vector that was not fetched: keyword ranking never reads it. */
  static final float[] NO_VECTOR = new float[0];

  private IndexFields() {}

  /** The text arguments of a script that writes the index: model, own paths or '', texts. */
  static String[] args(ItemIndex index) {
    List<String> texts = new ArrayList<>(2 * index.entries().size());
    for (IndexEntry entry : index.entries()) {
      texts.add(entry.path());
      texts.add(entry.text());
    }
    return new String[] {
      index.model(),
      index.fields() == null ? "" : JsonCodec.toJson(index.fields()),
      JsonCodec.toJson(texts)
    };
  }

  /** The vectors of all entries, back to back; they must share one length. */
  static byte[] vectors(ItemIndex index, String what) {
    List<IndexEntry> entries = index.entries();
    int dimensions = entries.isEmpty() ? 0 : entries.get(0).vector().length;
    float[] all = new float[entries.size() * dimensions];
    for (int i = 0; i < entries.size(); i++) {
      float[] vector = entries.get(i).vector();
      if (vector.length != dimensions) {
        throw new InvalidInputException(what + ": the vectors of one item must have one length,"
            + " found " + dimensions + " and " + vector.length);
      }
      System.arraycopy(vector, 0, all, i * dimensions, dimensions);
    }
    return Vectors.toBytes(all);
  }

  /** The own index paths stored in {@code f}, or null when the item follows the store's. */
  static @Nullable List<String> paths(@Nullable String json, String what) {
    if (json == null) {
      return null;
    }
    List<String> paths = new ArrayList<>();
    for (Object path : (List<?>) JsonCodec.parse(json, "index paths of " + what)) {
      paths.add((String) path);
    }
    return List.copyOf(paths);
  }

  /** The entries stored in {@code x}, without vectors (keyword ranking reads only the texts). */
  static List<IndexEntry> texts(byte[] json, String what) {
    List<?> flat = (List<?>) JsonCodec.parse(new String(json, StandardCharsets.UTF_8), "index texts of " + what);
    List<IndexEntry> entries = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      entries.add(new IndexEntry((String) flat.get(i), (String) flat.get(i + 1), NO_VECTOR));
    }
    return entries;
  }

  /**
   * The vectors stored in {@code w}, read straight from the bytes into one array per entry.
   *
   * @param dimensions the query vector's length, which a vector of the same model has
   */
  static float[][] vectors(byte[] blob, int dimensions, String what) {
    int bytesPerVector = dimensions * Float.BYTES;
    if (dimensions == 0 || blob.length % bytesPerVector != 0) {
      // Same model id, other length: the vectors cannot be compared until the item is reindexed.
      throw new ReindexRequiredException(what + ": stored vectors of " + blob.length
          + " bytes do not divide into vectors of the query's " + dimensions + " dimensions");
    }
    FloatBuffer floats = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[][] vectors = new float[blob.length / bytesPerVector][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = new float[dimensions];
      floats.get(vectors[i]);
    }
    return vectors;
  }
}
