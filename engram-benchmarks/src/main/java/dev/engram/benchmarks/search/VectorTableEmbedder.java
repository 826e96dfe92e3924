package dev.engram.benchmarks.search;

import dev.engram.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} that looks vectors up instead of computing them: the text {@code "train:12"}
 * is row 12 of the table named {@code train}. It puts a data set's given vectors through Engram's
 * real put and search path (embedding cache, index entries, the search index, the records check)
 * with no model in the way.
 */
final class VectorTableEmbedder implements Embedder {
  private final String id;
  private final int dimensions;
  private final Map<String, float[][]> tables;

  VectorTableEmbedder(String id, int dimensions, Map<String, float[][]> tables) {
    this.id = id;
    this.dimensions = dimensions;
    this.tables = Map.copyOf(tables);
  }

  /** The text that stands for row {@code row} of table {@code table}. */
  static String text(String table, int row) {
    return table + ":" + row;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      int colon = text.indexOf(':');
      float[][] table = colon < 0 ? null : tables.get(text.substring(0, colon));
      if (table == null) {
        throw new IllegalArgumentException(id + " has no vector for \"" + text + "\"");
      }
      // A copy: the store owns what it is given.
      vectors.add(table[Integer.parseInt(text.substring(colon + 1))].clone());
    }
    return vectors;
  }
}
