package dev.engram.search.lucene;

import dev.engram.spi.SearchIndexSettings;
import dev.engram.spi.Vectors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How Engram's Lucene index stores and searches vectors, public so that a benchmark can build raw
 * Lucene with exactly the same settings: the {@link #codec codec} (Lucene's default codec with
 * {@link HnswVectorsFormat}, i.e. {@code Lucene99HnswVectorsFormat(M, beamWidth)}), vectors
 * {@link #normalized normalized} and compared by {@link #SIMILARITY dot product} (cosine without a
 * division per comparison), and a {@code KnnFloatVectorQuery} collecting {@link #k k} neighbours.
 */
public final class LuceneKnn {
  /** Dot product of unit vectors: cosine similarity. */
  public static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private LuceneKnn() {}

  /** The codec Engram writes with: Lucene's default, with the HNSW format of {@code settings}. */
  public static Codec codec(SearchIndexSettings settings) {
    KnnVectorsFormat format = new HnswVectorsFormat(settings);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  /** The vector as indexed and as a query: scaled to length 1. */
  public static float[] normalized(float[] vector) {
    return Vectors.normalized(vector);
  }

  /** How many neighbours a search for the best {@code wanted} items collects. */
  public static int k(int wanted, SearchIndexSettings settings) {
    return Math.max(wanted, settings.candidates());
  }

  /** The cosine similarity a Lucene {@link #SIMILARITY} score stands for ({@code (1 + cos) / 2}). */
  public static double cosine(float score) {
    return 2.0 * score - 1.0;
  }
}
