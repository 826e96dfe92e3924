package dev.engram.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact vector ranking chooses and orders its best candidates without sorting them all; these
 * cases hold it to the plain definition: score every candidate, sort all by {@link
 * Ranked#BEST_FIRST}, cut the page.
 */
class ExactQueryTest {
  private static final String MODEL = "test:model";
  private static final int DIMENSIONS = 12;

  private final Random random = new Random(7);
  /** A few distinct vectors, reused so that many candidates tie. */
  private final float[][] palette = new float[6][];

  ExactQueryTest() {
    for (int i = 0; i < palette.length; i++) {
      palette[i] = gaussian();
    }
  }

  @Test
  void pagesEqualTheFullySortedRankingAtEveryDepthWithManyTies() {
    List<ExactQuery.Candidate> candidates = candidates(300);
    float[] query = gaussian();
    List<Ranked> expected = reference(query, candidates);
    assertThat(ExactQuery.rank(command(query, 0, 1000), candidates)).isEqualTo(expected);
    for (int offset : new int[] {0, 1, 7, 49, 250, 299, 400}) {
      for (int limit : new int[] {1, 3, 10, 50, 1000}) {
        List<SearchItem> page = ExactQuery.page(command(query, offset, limit), candidates);
        assertThat(page)
            .as("offset %d limit %d", offset, limit)
            .isEqualTo(
                expected.stream()
                    .skip(offset)
                    .limit(limit)
                    .map(r -> new SearchItem(r.item(), r.score()))
                    .toList());
      }
    }
  }

  @Test
  void scoresAreCosinesAndOnlyTheQueryModelCounts() {
    List<ExactQuery.Candidate> candidates = candidates(50);
    float[] query = gaussian();
    List<Ranked> ranked = ExactQuery.rank(command(query, 0, 1000), candidates);
    long ofModel =
        candidates.stream()
            .filter(c -> c.index().model().equals(MODEL) && !c.index().entries().isEmpty())
            .count();
    assertThat(ranked).hasSize((int) ofModel);
    for (Ranked r : ranked) {
      ExactQuery.Candidate candidate =
          candidates.stream().filter(c -> c.item() == r.item()).findFirst().orElseThrow();
      double best =
          candidate.index().entries().stream()
              .mapToDouble(e -> Vectors.cosine(query, e.vector()))
              .max()
              .orElseThrow();
      assertThat(r.score()).isCloseTo(best, within(1e-6));
    }
  }

  @Test
  void negativeAndZeroScoresOrderBelowPositiveOnes() {
    float[] query = {1, 0};
    List<ExactQuery.Candidate> candidates =
        List.of(
            candidate("a", MODEL, new float[] {-1, 0}),
            candidate("b", MODEL, new float[] {0, 0}),
            candidate("c", MODEL, new float[] {-1, -1}),
            candidate("d", MODEL, new float[] {1, 1}),
            candidate("e", MODEL, new float[] {0, 1}));
    List<SearchItem> page = ExactQuery.page(command(query, 0, 3), candidates);
    assertThat(page).extracting(i -> i.item().key()).containsExactly("d", "b", "e");
    assertThat(ExactQuery.rank(command(query, 0, 10), candidates))
        .extracting(r -> r.item().key())
        .containsExactly("d", "b", "e", "c", "a");
  }

  private List<Ranked> reference(float[] query, List<ExactQuery.Candidate> candidates) {
    float[] unit = Vectors.normalized(query);
    List<Ranked> all = new ArrayList<>();
    for (ExactQuery.Candidate c : candidates) {
      if (!c.index().model().equals(MODEL) || c.index().entries().isEmpty()) {
        continue;
      }
      float best = Float.NEGATIVE_INFINITY;
      for (IndexEntry e : c.index().entries()) {
        best = Math.max(best, Vectors.cosineToUnit(unit, e.vector()));
      }
      all.add(new Ranked(c.item(), best));
    }
    all.sort(Ranked.BEST_FIRST);
    return all;
  }

  private List<ExactQuery.Candidate> candidates(int count) {
    List<ExactQuery.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int entries = random.nextInt(4);
      float[][] vectors = new float[entries][];
      for (int e = 0; e < entries; e++) {
        vectors[e] = palette[random.nextInt(palette.length)];
      }
      String model = random.nextInt(10) == 0 ? "test:other" : MODEL;
      // Keys in shuffled order, so list position and key order disagree.
      candidates.add(candidate("k" + random.nextInt(1_000_000), model, vectors));
    }
    return candidates;
  }

  private ExactQuery.Candidate candidate(String key, String model, float[]... vectors) {
    List<IndexEntry> entries = new ArrayList<>();
    for (float[] v : vectors) {
      entries.add(new IndexEntry("$", "text", v));
    }
    Item item =
        new Item(
            Namespace.of("ns", "n" + Math.floorMod(key.hashCode(), 3)),
            key,
            Map.of(),
            Instant.EPOCH,
            Instant.EPOCH,
            null,
            1);
    return new ExactQuery.Candidate(item, new ItemIndex(model, null, entries));
  }

  private static QueryCommand command(float[] query, int offset, int limit) {
    SearchCommand scope =
        new SearchCommand(Namespace.root(), Filter.all(), offset, limit, Instant.EPOCH, false);
    return new QueryCommand(scope, "query", query, SearchMode.VECTOR, MODEL);
  }

  private float[] gaussian() {
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
