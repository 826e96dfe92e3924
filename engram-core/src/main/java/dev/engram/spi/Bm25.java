package dev.engram.spi;

/**
 * The keyword mode's scoring, in Lucene's form of BM25, for one collection (the indexed items in
 * a search's scope): an item scores the sum over the query terms it holds of {@code idf · tf / (tf +
 * k1 · (1 − b + b · length / averageLength))}, with {@code idf = ln(1 + (n − df + 0.5) / (df +
 * 0.5))}. Every backend computes keyword scores with this class, so they agree to the last bit.
 */
public final class Bm25 {
  public static final double K1 = 1.2;
  public static final double B = 0.75;

  private final long documents;
  private final double averageLength;

  /**
   * @param documents how many items the collection holds (n)
   * @param totalLength the words of all their indexed texts together
   */
  public Bm25(long documents, long totalLength) {
    this.documents = documents;
    this.averageLength = documents == 0 ? 0 : (double) totalLength / documents;
  }

  /** The length normalization of an item of {@code length} words, shared by its terms. */
  public double norm(double length) {
    return K1 * (1 - B + B * length / averageLength);
  }

  /** One term's share of an item's score: it occurs {@code tf} times there and in {@code df} items. */
  public double term(int tf, long df, double norm) {
    double idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    return idf * tf / (tf + norm);
  }
}
