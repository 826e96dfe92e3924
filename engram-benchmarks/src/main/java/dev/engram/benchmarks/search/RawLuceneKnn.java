package dev.engram.benchmarks.search;

import dev.engram.search.lucene.LuceneKnn;
import dev.engram.spi.SearchIndexSettings;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The floor for approximate search: plain Lucene, one document per vector with its row number as
 * a doc value, written with the codec, similarity and normalization Engram's index uses ({@link
 * LuceneKnn}) and searched with a {@link KnnFloatVectorQuery} collecting as many neighbours as
 * Engram's search collects for the same settings.
 */
final class RawLuceneKnn implements AutoCloseable {
  private static final String VECTOR = "vector";
  private static final String ROW = "row";

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final List<LeafReaderContext> leaves;

  /**
   * Indexes every row of {@code vectors} in order, through one writer with Lucene's defaults
   * otherwise, as an application would; the graph follows {@code settings}' M and beam width.
   */
  RawLuceneKnn(float[][] vectors, SearchIndexSettings settings) throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig(new StandardAnalyzer()).setCodec(LuceneKnn.codec(settings));
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int row = 0; row < vectors.length; row++) {
        Document doc = new Document();
        float[] vector = LuceneKnn.normalized(vectors[row]);
        doc.add(new KnnFloatVectorField(VECTOR, vector, LuceneKnn.SIMILARITY));
        doc.add(new NumericDocValuesField(ROW, row));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.leaves = reader.leaves();
  }

  int segments() {
    return leaves.size();
  }

  /**
   * The rows of the {@code wanted} nearest vectors, best first, collecting as many neighbours as
   * Engram would with {@code settings}' candidates.
   */
  int[] search(float[] query, int wanted, SearchIndexSettings settings) throws IOException {
    int k = LuceneKnn.k(wanted, settings);
    ScoreDoc[] docs =
        searcher.search(new KnnFloatVectorQuery(VECTOR, LuceneKnn.normalized(query), k), wanted)
            .scoreDocs;
    int[] rows = new int[docs.length];
    for (int i = 0; i < docs.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i].doc, leaves));
      NumericDocValues values = leaf.reader().getNumericDocValues(ROW);
      if (values == null || !values.advanceExact(docs[i].doc - leaf.docBase)) {
        throw new IOException("document " + docs[i].doc + " has no row");
      }
      rows[i] = (int) values.longValue();
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }
}
