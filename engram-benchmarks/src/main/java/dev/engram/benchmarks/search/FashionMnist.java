package dev.engram.benchmarks.search;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The Fashion-MNIST images as vectors: one float per pixel (0–255), 784 per image, read from the
 * IDX files Debian's {@code dataset-fashion-mnist} package installs (gzipped, as published).
 */
final class FashionMnist {
  static final String TRAIN = "train-images-idx3-ubyte.gz";
  static final String TEST = "t10k-images-idx3-ubyte.gz";
  private static final int IMAGES_MAGIC = 0x00000803;

  private FashionMnist() {}

  /** The first {@code limit} images of an IDX image file (all of them when it has fewer). */
  static float[][] read(Path file, int limit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file + " is missing: install Debian's dataset-fashion-mnist package, or pass the folder"
              + " that holds " + TRAIN + " and " + TEST);
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new IOException(
            file + " is not an IDX image file (magic " + Integer.toHexString(magic) + ")");
      }
      int count = Math.min(in.readInt(), limit);
      int pixels = in.readInt() * in.readInt();
      float[][] images = new float[count][pixels];
      byte[] image = new byte[pixels];
      for (float[] vector : images) {
        in.readFully(image);
        for (int p = 0; p < pixels; p++) {
          vector[p] = image[p] & 0xff;
        }
      }
      return images;
    }
  }
}
