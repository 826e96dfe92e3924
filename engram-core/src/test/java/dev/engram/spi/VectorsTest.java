package dev.engram.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {
  private final Random random = new Random(42);

  @Test
  void cosineMatchesTheDefinitionForEveryLengthAndRemainder() {
    for (int length = 1; length <= 40; length++) {
      float[] a = gaussian(length);
      float[] b = gaussian(length);
      double expected = reference(a, b);
      assertThat(Vectors.cosine(a, b)).isCloseTo(expected, within(1e-6));
      assertThat((double) Vectors.cosineToUnit(Vectors.normalized(a), b))
          .isCloseTo(expected, within(1e-6));
      assertThat((double) Vectors.dot(a, b)).isCloseTo(dot(a, b), within(1e-4));
    }
  }

  @Test
  void cosineOfLongVectorsStaysClose() {
    float[] a = gaussian(1536);
    float[] b = gaussian(1536);
    assertThat((double) Vectors.cosineToUnit(Vectors.normalized(a), b))
        .isCloseTo(reference(a, b), within(1e-6));
  }

  @Test
  void aVectorWithItselfIsExactlyOneNeverMore() {
    for (int i = 0; i < 200; i++) {
      float[] a = gaussian(384);
      assertThat(Vectors.cosine(a, a)).isBetween(0.999999, 1.0);
      assertThat(Vectors.cosineToUnit(Vectors.normalized(a), a)).isBetween(0.999999f, 1f);
      float[] opposite = a.clone();
      for (int j = 0; j < opposite.length; j++) {
        opposite[j] = -opposite[j];
      }
      assertThat(Vectors.cosineToUnit(Vectors.normalized(a), opposite)).isBetween(-1f, -0.999999f);
    }
  }

  @Test
  void zerosScoreZero() {
    float[] zeros = new float[7];
    float[] a = gaussian(7);
    assertThat(Vectors.cosine(zeros, a)).isZero();
    assertThat(Vectors.cosine(a, zeros)).isZero();
    assertThat(Vectors.cosineToUnit(Vectors.normalized(zeros), a)).isZero();
    assertThat(Vectors.cosineToUnit(Vectors.normalized(a), zeros)).isZero();
  }

  @Test
  void differentLengthsAreRejected() {
    assertThatThrownBy(() -> Vectors.cosineToUnit(new float[3], new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 and 4");
    assertThatThrownBy(() -> Vectors.dot(new float[9], new float[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytesRoundTripLittleEndian() {
    float[] v = {1.5f, -2f, Float.MIN_VALUE};
    byte[] bytes = Vectors.toBytes(v);
    assertThat(bytes).startsWith(0, 0, (byte) 0xc0, 0x3f);
    assertThat(Vectors.fromBytes(bytes)).containsExactly(v);
  }

  private float[] gaussian(int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static double dot(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }

  private static double reference(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }
}
