package dev.engram.search.lucene;

import dev.engram.Namespace;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndex.Scope;
import dev.engram.spi.Words;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The documents of one item: one per entry holding its vector (so the graph finds an item by any
 * of its texts, and the item scores by its best), and one for the item holding all its texts as
 * one document for keyword search. Every document carries the item's id (to replace them together)
 * and the namespace prefixes it lies under (to search a prefix with one term).
 */
final class ItemDocuments {
  /** The item's address: namespace, NUL, key (labels and keys hold no NUL). */
  static final String ID = "id";
  /** Each prefix of the namespace, whole labels: "a", "a.b", "a.b.c". */
  static final String SCOPE = "scope";
  /** Marks the item's own document (the entries have none). */
  static final String KIND = "kind";
  static final String ITEM = "item";
  /** The texts, as {@link WordsAnalyzer} splits them. */
  static final String TEXT = "text";
  /** The item's length in words, over all its texts: BM25's document length, exact. */
  static final String LENGTH = "length";
  /** When the item expires as written, epoch microseconds; {@link Long#MAX_VALUE} for never. */
  static final String EXPIRES = "expires";

  /** Term frequencies only: BM25 is computed from them and {@link #LENGTH}, not from norms. */
  private static final FieldType TEXT_TYPE = new FieldType();

  static {
    TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    TEXT_TYPE.setTokenized(true);
    TEXT_TYPE.setOmitNorms(true);
    TEXT_TYPE.freeze();
  }

  private ItemDocuments() {}

  /**
   * The vector field of a model: one per model and length, so a search only ever meets vectors of
   * its own model, and two models of different lengths never clash in one field.
   */
  static String vectorField(String model, int dimensions) {
    return "vector/" + dimensions + "/" + model;
  }

  static BytesRef id(Address address) {
    return new BytesRef(address.namespace() + "\u0000" + address.key());
  }

  static Term idTerm(Address address) {
    return new Term(ID, id(address));
  }

  static Address address(BytesRef id) {
    String text = id.utf8ToString();
    int nul = text.indexOf('\u0000');
    return new Address(Namespace.parse(text.substring(0, nul)), text.substring(nul + 1));
  }

  static List<Document> of(Address address, ItemIndex index, @Nullable Instant expiresAt) {
    List<Document> docs = new ArrayList<>(index.entries().size() + 1);
    Document item = common(address);
    item.add(new StringField(KIND, ITEM, Field.Store.NO));
    long length = 0;
    for (IndexEntry entry : index.entries()) {
      Document doc = common(address);
      float[] vector = LuceneKnn.normalized(entry.vector());
      doc.add(
          new KnnFloatVectorField(
              vectorField(index.model(), vector.length), vector, LuceneKnn.SIMILARITY));
      docs.add(doc);
      item.add(new Field(TEXT, entry.text(), TEXT_TYPE));
      length += Words.of(entry.text()).size();
    }
    item.add(new NumericDocValuesField(LENGTH, length));
    item.add(new NumericDocValuesField(EXPIRES, expiresAt == null ? Long.MAX_VALUE : micros(expiresAt)));
    docs.add(item);
    return docs;
  }

  private static Document common(Address address) {
    Document doc = new Document();
    BytesRef id = id(address);
    doc.add(new StringField(ID, id, Field.Store.NO));
    doc.add(new SortedDocValuesField(ID, id));
    StringBuilder prefix = new StringBuilder();
    for (String label : address.namespace().labels()) {
      if (!prefix.isEmpty()) {
        prefix.append(Namespace.SEPARATOR);
      }
      prefix.append(label);
      doc.add(new StringField(SCOPE, prefix.toString(), Field.Store.NO));
    }
    return doc;
  }

  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /**
   * The documents a search may consider: those under the prefix, of the candidates when the scope
   * has them, of the given kind when not null; null when that is every document.
   */
  static @Nullable Query filter(Scope scope, @Nullable String kind) {
    BooleanQuery.Builder filter = new BooleanQuery.Builder();
    boolean any = false;
    if (kind != null) {
      filter.add(new TermQuery(new Term(KIND, kind)), Occur.FILTER);
      any = true;
    }
    if (!scope.prefix().isRoot()) {
      filter.add(new TermQuery(new Term(SCOPE, scope.prefix().toString())), Occur.FILTER);
      any = true;
    }
    if (scope.candidates() != null) {
      List<BytesRef> ids = scope.candidates().stream().map(ItemDocuments::id).toList();
      filter.add(new TermInSetQuery(ID, ids), Occur.FILTER);
      any = true;
    }
    return any ? filter.build() : null;
  }

  /** The addresses of documents (global ids of {@code searcher}'s reader), in the same order. */
  static Address[] addresses(IndexSearcher searcher, int[] docs) throws IOException {
    Integer[] order = new Integer[docs.length];
    Arrays.setAll(order, i -> i);
    // Doc values read forwards: visit the documents in id order.
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Address[] found = new Address[docs.length];
    SortedDocValues ids = null;
    int leafOrd = -1;
    for (int i : order) {
      int leaf = ReaderUtil.subIndex(docs[i], leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != leafOrd) {
        ids = context.reader().getSortedDocValues(ID);
        leafOrd = leaf;
      }
      if (ids == null || !ids.advanceExact(docs[i] - context.docBase)) {
        throw new IOException("document " + docs[i] + " of the search index has no id");
      }
      found[i] = address(ids.lookupOrd(ids.ordValue()));
    }
    return found;
  }
}
