package dev.engram.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link ExactQuery}'s vector ranking over a list of candidates, built for a scan of many: the
 * query is normalized once, each candidate costs one pass over its vectors and no allocation, and
 * only the best are ordered.
 *
 * <p>Scores are kept as ints that order like the floats they stand for, so choosing and ordering
 * run on primitives; the full comparison by namespace and key is needed only among equal scores.
 */
final class VectorRanking {
  private final List<ExactQuery.Candidate> candidates;
  /** Positions in {@code candidates} of those with entries of the query's model. */
  private final int[] positions;
  /** Their scores as ints that order like the floats ({@link #toggleOrder} of the float bits). */
  private final int[] scores;
  private final int count;

  private VectorRanking(
      List<ExactQuery.Candidate> candidates, int[] positions, int[] scores, int count) {
    this.candidates = candidates;
    this.positions = positions;
    this.scores = scores;
    this.count = count;
  }

  static VectorRanking of(QueryCommand command, List<ExactQuery.Candidate> candidates) {
    float[] query = command.vector();
    if (query == null) {
      throw new IllegalArgumentException(command.mode() + " search without a query vector");
    }
    float[] unit = Vectors.normalized(query);
    String model = command.model();
    int n = candidates.size();
    int[] positions = new int[n];
    int[] scores = new int[n];
    int count = 0;
    for (int c = 0; c < n; c++) {
      ItemIndex index = candidates.get(c).index();
      List<IndexEntry> entries = index.entries();
      if (entries.isEmpty() || !index.model().equals(model)) {
        continue;
      }
      float best = Vectors.cosineToUnit(unit, entries.get(0).vector());
      for (int e = 1; e < entries.size(); e++) {
        best = Math.max(best, Vectors.cosineToUnit(unit, entries.get(e).vector()));
      }
      positions[count] = c;
      scores[count] = toggleOrder(Float.floatToIntBits(best));
      count++;
    }
    return new VectorRanking(candidates, positions, scores, count);
  }

  /** The best {@code wanted} (all, when fewer), in {@link Ranked#BEST_FIRST} order. */
  List<Ranked> best(long wanted) {
    if (wanted <= 0 || count == 0) {
      return new ArrayList<>();
    }
    int threshold = wanted < count ? worstOfBest((int) wanted) : Integer.MIN_VALUE;
    // Score descending, then position: ~score flips the order, the position fills the low half.
    long[] keys = new long[count];
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (scores[i] >= threshold) {
        keys[kept++] = ((long) ~scores[i] << 32) | positions[i];
      }
    }
    Arrays.sort(keys, 0, kept);
    List<Ranked> ranked = new ArrayList<>(kept);
    int tiesFrom = 0;
    for (int i = 0; i < kept; i++) {
      int score = ~(int) (keys[i] >>> 32);
      ExactQuery.Candidate candidate = candidates.get((int) keys[i]);
      ranked.add(new Ranked(candidate.item(), Float.intBitsToFloat(toggleOrder(score))));
      if (i > 0 && (keys[i] >>> 32) != (keys[i - 1] >>> 32)) {
        orderTies(ranked, tiesFrom, i);
        tiesFrom = i;
      }
    }
    orderTies(ranked, tiesFrom, kept);
    if (kept > wanted) {
      // Ties at the threshold let in more than wanted; now in order, the extra ones are cut.
      ranked.subList((int) wanted, kept).clear();
    }
    return ranked;
  }

  /** The lowest score among the best {@code wanted}, by a bounded min-heap of scores. */
  private int worstOfBest(int wanted) {
    int[] heap = Arrays.copyOf(scores, wanted);
    for (int i = wanted / 2 - 1; i >= 0; i--) {
      siftDown(heap, i, wanted);
    }
    for (int i = wanted; i < count; i++) {
      if (scores[i] > heap[0]) {
        heap[0] = scores[i];
        siftDown(heap, 0, wanted);
      }
    }
    return heap[0];
  }

  private static void siftDown(int[] heap, int i, int size) {
    int value = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= value) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = value;
  }

  /** Equal scores come out by position; the order of every search says namespace, then key. */
  private static void orderTies(List<Ranked> ranked, int from, int to) {
    if (to - from > 1) {
      ranked.subList(from, to).sort(Ranked.BEST_FIRST);
    }
  }

  /**
   * Turns the bits of a float into an int that orders as {@link Float#compare} orders the floats
   * (negative floats count down as their bits count up), and such an int back into the bits.
   */
  static int toggleOrder(int bits) {
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
