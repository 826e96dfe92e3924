package dev.engram.spi;

import dev.engram.InvalidInputException;
import java.util.Set;

/**
 * How a {@link SearchIndex} builds and searches its HNSW graphs, from the store URI parameters
 * {@code hnswM}, {@code hnswBeamWidth} and {@code hnswCandidates} of the backends that use one.
 *
 * @param maxConnections neighbours per node in the graph (HNSW's M): more raise recall and the
 *     graph's size and build time
 * @param beamWidth candidates considered while inserting a node (efConstruction): more build a
 *     better graph, slower
 * @param candidates the fewest nearest neighbours a vector search collects (efSearch), however few
 *     results were asked for: more raise recall at the cost of query time
 */
public record SearchIndexSettings(int maxConnections, int beamWidth, int candidates) {
  /** Lucene's own defaults for the graph; 100 candidates keep recall@10 near 0.99. */
  public static final SearchIndexSettings DEFAULT = new SearchIndexSettings(16, 100, 100);

  /** The store URI parameters these settings are read from. */
  public static final Set<String> PARAMS = Set.of("hnswM", "hnswBeamWidth", "hnswCandidates");

  public SearchIndexSettings {
    check("hnswM", maxConnections, 2, 512);
    check("hnswBeamWidth", beamWidth, 2, 3200);
    check("hnswCandidates", candidates, 1, 10_000);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidInputException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  /** The settings a store URI asks for, the defaults for those it does not name. */
  public static SearchIndexSettings from(BackendUri uri) {
    return new SearchIndexSettings(
        uri.intParam("hnswM", DEFAULT.maxConnections),
        uri.intParam("hnswBeamWidth", DEFAULT.beamWidth),
        uri.intParam("hnswCandidates", DEFAULT.candidates));
  }
}
