package dev.engram.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.engram.InvalidInputException;
import dev.engram.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client's JSON, with the same rules as the engine's codec (which lives in engram-core, a Java
 * 21 module this Java 17 client cannot use): values are checked while written, naming the path of
 * the first element that is not JSON, and read back in canonical form — unmodifiable maps in key
 * order, {@link Integer}/{@link Long}/{@link BigInteger} for integers, {@link BigDecimal} for
 * decimals — so a value read through the client equals the one read from a local store.
 */
final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private Json() {}

  /**
   * The UTF-8 JSON text of a tree of maps, lists, strings, numbers, booleans and null.
   *
   * @throws InvalidInputException naming the path of the first element that is not JSON, starting
   *     with the top-level field (e.g. {@code value.meta.when})
   */
  static byte[] write(Map<String, ?> object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      gen.writeStartObject();
      for (Map.Entry<String, ?> field : object.entrySet()) {
        gen.writeFieldName(field.getKey());
        write(gen, field.getValue(), field.getKey());
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Checks that a value is JSON as {@link #write} would, naming the path of the first element that
   * is not from {@code what} (e.g. {@code message 3.metadata.when}); writes nothing.
   */
  static void check(@Nullable Object value, String what) {
    try (JsonGenerator gen = FACTORY.createGenerator(OutputStream.nullOutputStream())) {
      write(gen, value, what);
    } catch (IOException e) {
      throw new UncheckedIOException("checking JSON failed", e);
    }
  }

  /** Parses a response body: any JSON value, in canonical form. */
  static @Nullable Object read(byte[] utf8) throws IOException {
    try (JsonParser p = FACTORY.createParser(utf8)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("empty response body, expected JSON");
      }
      return read(p, first);
    }
  }

  private static @Nullable Object read(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken()));
        }
        return Collections.unmodifiableMap(map);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(read(p, t));
        }
        return Collections.unmodifiableList(list);
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return p.getIntValue();
          case LONG:
            return p.getLongValue();
          default:
            return p.getBigIntegerValue();
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token);
    }
  }

  private static void write(JsonGenerator gen, @Nullable Object value, Object path)
      throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String) {
      Text.requireNoUnpairedSurrogate((String) value, "string at " + path);
      gen.writeString((String) value);
    } else if (value instanceof Boolean) {
      gen.writeBoolean((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      gen.writeNumber((BigInteger) value);
    } else if (value instanceof BigDecimal) {
      gen.writeNumber((BigDecimal) value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidInputException(path + " is " + d + ", which JSON cannot represent");
      }
      // The shortest text that reads back as the same number, as the engine writes it.
      gen.writeNumber(new BigDecimal(value.toString()));
    } else if (value instanceof Map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new InvalidInputException(path + " has a key that is not a string: " + e.getKey());
        }
        String name = (String) e.getKey();
        Text.requireNoUnpairedSurrogate(name, "key \"" + name + "\" at " + path);
        gen.writeFieldName(name);
        write(gen, e.getValue(), new Path(path, name));
      }
      gen.writeEndObject();
    } else if (value instanceof Collection) {
      gen.writeStartArray();
      int i = 0;
      for (Object element : (Collection<?>) value) {
        write(gen, element, new Path(path, i++));
      }
      gen.writeEndArray();
    } else {
      throw new InvalidInputException(
          path + " is a " + value.getClass().getName() + ", which is not a JSON type"
              + " (use maps, lists, strings, numbers, booleans and null)");
    }
  }

  /** A location inside a value, rendered only when an error needs it. */
  private record Path(Object parent, Object step) {
    @Override
    public String toString() {
      return step instanceof Integer ? parent + "[" + step + "]" : parent + "." + step;
    }
  }
}
