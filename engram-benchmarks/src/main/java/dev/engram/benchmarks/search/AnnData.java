package dev.engram.benchmarks.search;

import dev.engram.spi.Vectors;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Stored vectors, query vectors, and each query's exact nearest neighbours by cosine similarity:
 * the truth that recall is measured against.
 */
final class AnnData {
  final float[][] stored;
  final float[][] queries;
  /** Per query, the rows of {@code stored} with the highest cosine similarity, best first. */
  final int[][] truth;

  AnnData(float[][] stored, float[][] queries, int k) {
    this.stored = stored;
    this.queries = queries;
    float[][] unitStored = Arrays.stream(stored).map(Vectors::normalized).toArray(float[][]::new);
    this.truth =
        IntStream.range(0, queries.length)
            .parallel()
            .mapToObj(q -> nearest(unitStored, Vectors.normalized(queries[q]), k))
            .toArray(int[][]::new);
  }

  /** The fraction of the true top {@code found.length} that {@code found} holds. */
  double recall(int query, int[] found) {
    int[] expected = truth[query];
    int hits = 0;
    for (int row : found) {
      for (int e : expected) {
        if (e == row) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / expected.length;
  }

  /** The {@code k} rows most similar to {@code unitQuery}, best first (ties by row). */
  private static int[] nearest(float[][] unitStored, float[] unitQuery, int k) {
    int[] rows = new int[k];
    float[] scores = new float[k];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int row = 0; row < unitStored.length; row++) {
      float score = Vectors.dot(unitQuery, unitStored[row]);
      if (score > scores[k - 1]) {
        int at = k - 1;
        while (at > 0 && scores[at - 1] < score) {
          scores[at] = scores[at - 1];
          rows[at] = rows[at - 1];
          at--;
        }
        scores[at] = score;
        rows[at] = row;
      }
    }
    return rows;
  }
}
