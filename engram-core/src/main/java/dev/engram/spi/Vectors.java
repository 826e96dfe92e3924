package dev.engram.spi;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vector arithmetic shared by the exact scorers.
 *
 * <p>The loops keep several independent float sums: C2 does not vectorize a float reduction (it
 * would change the order of additions), and one running sum would make every addition wait for
 * the previous one. Independent chains keep the multiply and add units busy; where the processor
 * has fused multiply-add, each step is one instruction instead of two. Float sums are exact
 * enough for a similarity: over 384 dimensions the error is around 10<sup>-7</sup>.
 *
 * <p>{@link #cosineToUnit}, what an exact scan runs once per vector, goes further when the
 * application started the JVM with the JDK's vector module ({@code --add-modules
 * jdk.incubator.vector}, as the {@code engram} launcher does): {@link SimdVectors} sums a whole
 * register of floats per instruction and brings the scan near the speed of reading the vectors
 * from memory. Without the module the loops here run, with the same results to rounding.
 */
public final class Vectors {
  /**
   * Whether {@link Math#fma} is one instruction here. Without the instruction it is computed
   * exactly in software, a hundred times slower than a multiply and an add.
   */
  private static final boolean FAST_FMA = fastFma();
  /**
   * Whether {@link #cosineToUnit} runs on {@link SimdVectors}: only with the vector module in the
   * boot layer (else the class cannot link), with fast fused multiply-add (the kernel is made of
   * it; the vector module computes it in software otherwise) and where {@link
   * SimdVectors#worthIt}.
   */
  private static final boolean SIMD = FAST_FMA && simdWorthIt();

  private Vectors() {}

  /** Cosine similarity in [-1, 1]; 0 when either vector is all zeros. */
  public static double cosine(float[] a, float[] b) {
    requireSameLength(a, b);
    float dot0 = 0, dot1 = 0, dot2 = 0, dot3 = 0;
    float aa0 = 0, aa1 = 0, aa2 = 0, aa3 = 0;
    float bb0 = 0, bb1 = 0, bb2 = 0, bb3 = 0;
    int n = a.length;
    int i = 0;
    for (int end = n & ~3; i < end; i += 4) {
      float a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
      float b0 = b[i], b1 = b[i + 1], b2 = b[i + 2], b3 = b[i + 3];
      dot0 = madd(a0, b0, dot0);
      dot1 = madd(a1, b1, dot1);
      dot2 = madd(a2, b2, dot2);
      dot3 = madd(a3, b3, dot3);
      aa0 = madd(a0, a0, aa0);
      aa1 = madd(a1, a1, aa1);
      aa2 = madd(a2, a2, aa2);
      aa3 = madd(a3, a3, aa3);
      bb0 = madd(b0, b0, bb0);
      bb1 = madd(b1, b1, bb1);
      bb2 = madd(b2, b2, bb2);
      bb3 = madd(b3, b3, bb3);
    }
    for (; i < n; i++) {
      dot0 = madd(a[i], b[i], dot0);
      aa0 = madd(a[i], a[i], aa0);
      bb0 = madd(b[i], b[i], bb0);
    }
    double aa = (aa0 + aa1) + (aa2 + aa3);
    double bb = (bb0 + bb1) + (bb2 + bb3);
    return aa == 0 || bb == 0 ? 0 : clamp(((dot0 + dot1) + (dot2 + dot3)) / Math.sqrt(aa * bb));
  }

  /**
   * {@link #cosine} of a vector already scaled to length 1 (or all zeros, see {@link
   * #normalized}) with any vector: one pass over {@code v} that sums the dot product and {@code
   * v}'s own length together. What an exact scan runs, normalizing the query once.
   */
  public static float cosineToUnit(float[] unit, float[] v) {
    requireSameLength(unit, v);
    return clamp(SIMD ? SimdVectors.cosineToUnit(unit, v) : scalarCosineToUnit(unit, v));
  }

  /** {@link #cosineToUnit} before clamping, without the vector module. */
  static float scalarCosineToUnit(float[] unit, float[] v) {
    float dot0 = 0, dot1 = 0, dot2 = 0, dot3 = 0;
    float vv0 = 0, vv1 = 0, vv2 = 0, vv3 = 0;
    int n = v.length;
    int i = 0;
    for (int end = n & ~3; i < end; i += 4) {
      float v0 = v[i], v1 = v[i + 1], v2 = v[i + 2], v3 = v[i + 3];
      dot0 = madd(unit[i], v0, dot0);
      dot1 = madd(unit[i + 1], v1, dot1);
      dot2 = madd(unit[i + 2], v2, dot2);
      dot3 = madd(unit[i + 3], v3, dot3);
      vv0 = madd(v0, v0, vv0);
      vv1 = madd(v1, v1, vv1);
      vv2 = madd(v2, v2, vv2);
      vv3 = madd(v3, v3, vv3);
    }
    for (; i < n; i++) {
      dot0 = madd(unit[i], v[i], dot0);
      vv0 = madd(v[i], v[i], vv0);
    }
    float vv = (vv0 + vv1) + (vv2 + vv3);
    return vv == 0 ? 0 : (float) (((dot0 + dot1) + (dot2 + dot3)) / Math.sqrt(vv));
  }

  /** The dot product; for two vectors of length 1 it is their cosine similarity. */
  public static float dot(float[] a, float[] b) {
    requireSameLength(a, b);
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int n = a.length;
    int i = 0;
    for (int end = n & ~7; i < end; i += 8) {
      s0 = madd(a[i], b[i], s0);
      s1 = madd(a[i + 1], b[i + 1], s1);
      s2 = madd(a[i + 2], b[i + 2], s2);
      s3 = madd(a[i + 3], b[i + 3], s3);
      s4 = madd(a[i + 4], b[i + 4], s4);
      s5 = madd(a[i + 5], b[i + 5], s5);
      s6 = madd(a[i + 6], b[i + 6], s6);
      s7 = madd(a[i + 7], b[i + 7], s7);
    }
    for (; i < n; i++) {
      s0 = madd(a[i], b[i], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** A copy scaled to length 1 (all zeros stay zeros): cosine becomes a dot product. */
  public static float[] normalized(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = new float[v.length];
    if (norm == 0) {
      return out;
    }
    double scale = 1 / Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * scale);
    }
    return out;
  }

  /** The vector as little-endian IEEE 754 floats, the form SQL backends store. */
  public static byte[] toBytes(float[] v) {
    ByteBuffer buffer = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(v);
    return buffer.array();
  }

  public static float[] fromBytes(byte[] bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  /** {@code a * b + c}, fused where that is fast. */
  private static float madd(float a, float b, float c) {
    return FAST_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  private static boolean fastFma() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot, or without the management modules: assume no fast FMA
    }
  }

  private static boolean simdWorthIt() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return SimdVectors.worthIt();
    } catch (LinkageError e) {
      return false; // an incubating API that changed: the loops here still work
    }
  }

  private static void requireSameLength(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different lengths: " + a.length + " and " + b.length);
    }
  }

  /** Rounding can carry a similarity a hair past ±1; the documented range is exact. */
  private static double clamp(double cosine) {
    return Math.max(-1, Math.min(1, cosine));
  }

  private static float clamp(float cosine) {
    return Math.max(-1f, Math.min(1f, cosine));
  }
}
