package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonCodec;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Encodes response bodies: the JSON of {@link JsonCodec#toJson}, written as UTF-8 straight into a
 * buffer bounded by {@code max-response-bytes}. The text is not decoded to a {@code String} and
 * encoded back, and a body too large is refused once it crosses the limit, not after it was built
 * whole.
 */
final class ResponseJson {
  private ResponseJson() {}

  /**
   * The JSON of {@code value} as UTF-8.
   *
   * @throws ApiError 422 {@code response_too_large} once the text exceeds {@code maxBytes}
   * @throws InvalidInputException as {@code JsonCodec.toJson} does, for a value JSON cannot hold
   */
  static Encoded encode(@Nullable Object value, long maxBytes) {
    Encoded out = new Encoded(maxBytes);
    JsonCodec.writeJson(value, out);
    return out;
  }

  /** The encoded text; {@link #writeTo} and {@link #toInputStream} read it without a copy. */
  static final class Encoded extends ByteArrayOutputStream {
    private final long maxBytes;

    private Encoded(long maxBytes) {
      super(512);
      this.maxBytes = maxBytes;
    }

    @Override
    public void write(int b) {
      require(1);
      super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      require(len);
      super.write(b, off, len);
    }

    /** The text, read in place. */
    java.io.InputStream toInputStream() {
      return new java.io.ByteArrayInputStream(buf, 0, count);
    }

    private void require(int more) {
      if (count + (long) more > maxBytes) {
        throw ApiError.responseTooLarge(maxBytes);
      }
    }
  }
}
