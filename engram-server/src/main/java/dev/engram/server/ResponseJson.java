package dev.engram.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.engram.InvalidInputException;
import dev.engram.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes response bodies: byte for byte the JSON of {@link dev.engram.spi.JsonCodec#toJson} (the
 * same types, checks and messages; {@code ResponseJsonTest} compares them), written as UTF-8
 * straight into a buffer bounded by {@code max-response-bytes}.
 *
 * <p>It exists for the cost per request: Jackson's default keeps its buffers in a thread-local,
 * and every request runs on a new virtual thread, so each response allocated fresh buffers (about
 * 10 KB); here they come from a pool shared by all threads. The text is also not decoded to a
 * {@code String} and encoded back, and a body too large is refused once it crosses the limit, not
 * after it was built whole.
 */
final class ResponseJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
          .build();

  private ResponseJson() {}

  /**
   * The JSON of {@code value} as UTF-8.
   *
   * @throws ApiError 422 {@code response_too_large} once the text exceeds {@code maxBytes}
   * @throws InvalidInputException as {@code JsonCodec.toJson} does, for a value JSON cannot hold
   */
  static Encoded encode(@Nullable Object value, long maxBytes) {
    Encoded out = new Encoded(maxBytes);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, value, "value");
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
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

  // The same as JsonCodec.write, kept in step by ResponseJsonTest.
  private static void write(JsonGenerator gen, @Nullable Object value, Object path)
      throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      if (hasSurrogate(s)) {
        Text.requireNoUnpairedSurrogate(s, "string at " + path);
      }
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      gen.writeNumber(big);
    } else if (value instanceof BigDecimal dec) {
      gen.writeNumber(dec);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidInputException(path + " is " + d + ", which JSON cannot represent");
      }
      gen.writeNumber(new BigDecimal(value.toString()));
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String name)) {
          throw new InvalidInputException(
              path + " has a key that is not a string: " + e.getKey());
        }
        if (hasSurrogate(name)) {
          Text.requireNoUnpairedSurrogate(name, "key \"" + name + "\" at " + path);
        }
        gen.writeFieldName(name);
        write(gen, e.getValue(), new Path(path, name));
      }
      gen.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      gen.writeStartArray();
      int i = 0;
      for (Object element : list) {
        write(gen, element, new Path(path, i++));
      }
      gen.writeEndArray();
    } else {
      throw new InvalidInputException(
          path + " is a " + value.getClass().getName() + ", which is not a JSON type"
              + " (use maps, lists, strings, numbers, booleans and null)");
    }
  }

  /** Whether the text holds any surrogate: only then is it checked, with its path in the message. */
  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A location inside a value, rendered only when an error needs it. */
  private record Path(Object parent, Object step) {
    @Override
    public String toString() {
      return step instanceof Integer i ? parent + "[" + i + "]" : parent + "." + step;
    }
  }
}
