package dev.engram.search.lucene;

import dev.engram.testkit.QueryConformanceKit;
import java.nio.file.Path;

/** Search by query on the in-memory backend through the Lucene index engram-search provides. */
class MemoryLuceneQueryConformanceTest extends QueryConformanceKit {

  @Override
  protected String freshStoreUri(Path tempDir) {
    return "memory:";
  }

  @Override
  protected boolean persistent() {
    return false;
  }
}
