package dev.engram.search.lucene;

import dev.engram.IndexConfig;
import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's HNSW vectors format ({@link Lucene99HnswVectorsFormat}) with the store's graph settings
 * and room for as many dimensions as an {@link IndexConfig} allows: Lucene's own format stops at
 * 1024, below common embedding models (1536, 3072). Files are the delegate's, byte for byte; the
 * format has its own name so Lucene finds this class again when it reads them (registered in
 * {@code META-INF/services}).
 */
public final class HnswVectorsFormat extends KnnVectorsFormat {
  static final String NAME = "EngramHnsw";

  private final Lucene99HnswVectorsFormat delegate;

  /** For Lucene's service loader, which reads with it (graph settings only matter to writes). */
  public HnswVectorsFormat() {
    this(SearchIndexSettings.DEFAULT);
  }

  /** The format Engram writes with {@code settings}' M and beam width. */
  public HnswVectorsFormat(SearchIndexSettings settings) {
    super(NAME);
    this.delegate = new Lucene99HnswVectorsFormat(settings.maxConnections(), settings.beamWidth());
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return delegate.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return delegate.fieldsReader(state);
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return IndexConfig.MAX_DIMENSIONS;
  }

  @Override
  public String toString() {
    return NAME + "[" + delegate + "]";
  }
}
