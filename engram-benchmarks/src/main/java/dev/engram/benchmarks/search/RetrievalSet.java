package dev.engram.benchmarks.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled retrieval set: short facts an agent would remember about its user, each with a
 * question that asks for it in other words. No content word of a question appears in its fact
 * (the test of this module checks every pair), so keyword search finds little by construction and
 * the set measures what an embedding model understands.
 */
record RetrievalSet(List<Pair> pairs) {
  static final String RESOURCE = "/retrieval/facts.tsv";

  /** A stored fact and the question it answers. */
  record Pair(String fact, String question) {}

  /** The committed set: a TSV file with a {@code fact<TAB>question} header line. */
  static RetrievalSet load() {
    try (InputStream in = RetrievalSet.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (!"fact\tquestion".equals(header)) {
        throw new IllegalStateException(
            RESOURCE + " must start with fact<TAB>question, was " + header);
      }
      List<Pair> pairs = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 2 || columns[0].isBlank() || columns[1].isBlank()) {
          throw new IllegalStateException(
              RESOURCE + " line " + (pairs.size() + 2) + " is not fact<TAB>question: " + line);
        }
        pairs.add(new Pair(columns[0], columns[1]));
      }
      return new RetrievalSet(List.copyOf(pairs));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
