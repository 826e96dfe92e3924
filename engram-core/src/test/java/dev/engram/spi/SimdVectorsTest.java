package dev.engram.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector-module kernel against the scalar loops it stands in for. Needs the module in the
 * boot layer, as the build's test run has it; the build also runs {@link VectorsTest} and {@link
 * ExactQueryTest} once more without it, on the scalar loops.
 */
class SimdVectorsTest {
  private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

  private final Random random = new Random(7);

  @Test
  void kernelMatchesTheScalarLoopsForEveryLengthAndRemainder() {
    for (int length : lengths()) {
      for (int pair = 0; pair < 20; pair++) {
        float[] a = gaussian(length);
        float[] b = gaussian(length);
        float[] unit = Vectors.normalized(a);
        float simd = SimdVectors.cosineToUnit(unit, b);
        assertThat(simd)
            .as("length %d", length)
            .isCloseTo(Vectors.scalarCosineToUnit(unit, b), within(1e-6f));
        assertThat((double) simd).as("length %d", length).isCloseTo(reference(a, b), within(1e-6));
      }
    }
  }

  @Test
  void zerosScoreZero() {
    for (int length : lengths()) {
      float[] zeros = new float[length];
      float[] a = gaussian(length);
      assertThat(SimdVectors.cosineToUnit(Vectors.normalized(a), zeros)).isZero();
      assertThat(SimdVectors.cosineToUnit(Vectors.normalized(zeros), a)).isZero();
      assertThat(Vectors.scalarCosineToUnit(Vectors.normalized(a), zeros)).isZero();
    }
  }

  @Test
  void aVectorWithItselfScoresOneAndTheScoreNeverPassesOne() {
    for (int length : lengths()) {
      float[] a = gaussian(length);
      float[] opposite = a.clone();
      for (int i = 0; i < length; i++) {
        opposite[i] = -opposite[i];
      }
      float[] unit = Vectors.normalized(a);
      assertThat(SimdVectors.cosineToUnit(unit, a)).isCloseTo(1f, within(1e-6f));
      assertThat(SimdVectors.cosineToUnit(unit, opposite)).isCloseTo(-1f, within(1e-6f));
      assertThat(Vectors.cosineToUnit(unit, a)).isBetween(0.999999f, 1f);
      assertThat(Vectors.cosineToUnit(unit, opposite)).isBetween(-1f, -0.999999f);
    }
  }

  /** Every remainder of a few whole registers, and the lengths of common models. */
  private static int[] lengths() {
    return IntStream.concat(IntStream.rangeClosed(1, 4 * LANES + 1), IntStream.of(384, 768, 1536))
        .toArray();
  }

  private float[] gaussian(int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static double reference(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
