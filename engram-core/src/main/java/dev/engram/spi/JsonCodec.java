package dev.engram.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * Engram's JSON: encodes Java values to JSON text and parses JSON text to canonical values.
 *
 * <p>Canonical values are unmodifiable trees of {@code LinkedHashMap} (key order kept), lists,
 * strings, booleans, null, {@link Integer}/{@link Long}/{@link BigInteger} for integers (the
 * smallest that fits) and {@link BigDecimal} for decimals (every digit kept). Every backend returns
 * values in this form, so results compare equal across backends.
 */
public final class JsonCodec {
  // Duplicate keys are an error, not "last one wins"; characters above U+FFFF are written as
  // UTF-8, not as a pair of escaped surrogates, so stored and printed JSON stays readable.
  // Buffers come from a pool shared by all threads: Jackson's default keeps them per thread, and
  // on virtual threads (one per server request) that meant fresh buffers for every call.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
          .build();

  private JsonCodec() {}

  /**
   * Checks and encodes a JSON object given as Java values.
   *
   * @param what names the value in errors, e.g. {@code "value"} or {@code "filter"}
   * @throws InvalidInputException naming the path of the first unsupported element
   */
  public static EncodedValue encode(Map<String, Object> object, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, object, what);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    byte[] utf8 = out.toByteArray();
    return new EncodedValue(parseObject(utf8, what), utf8);
  }

  /** The JSON text of a value made of maps, lists, strings, numbers, booleans and null. */
  public static String toJson(@Nullable Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    writeJson(value, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Writes the JSON text of {@link #toJson} as UTF-8 to {@code out}, without building a string:
   * the same checks and messages. An unchecked exception thrown by {@code out} passes through.
   */
  public static void writeJson(@Nullable Object value, OutputStream out) {
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, value, "value");
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON failed", e);
    }
  }

  /**
   * Parses JSON text that must be an object, into canonical form.
   *
   * @throws InvalidInputException when the text is not valid JSON or not an object
   */
  public static Map<String, Object> parseObject(String json, String what) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return requireObject(parseDocument(p, what), what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #parseObject(String, String)}, from UTF-8 bytes. */
  public static Map<String, Object> parseObject(byte[] utf8, String what) {
    try (JsonParser p = FACTORY.createParser(utf8)) {
      return requireObject(parseDocument(p, what), what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses any JSON value into canonical form. */
  public static @Nullable Object parse(String json, String what) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p, what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requireObject(@Nullable Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new InvalidInputException(
        what + " must be a JSON object, was " + JsonValues.kind(value).description());
  }

  private static @Nullable Object parseDocument(JsonParser p, String what) throws IOException {
    try {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidInputException(what + " is empty, expected JSON");
      }
      Object value = read(p, first);
      if (p.nextToken() != null) {
        throw new InvalidInputException(
            what + " has text after the JSON value at " + location(p));
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          what + " is not valid JSON: " + e.getOriginalMessage() + " at " + location(p), e);
    }
  }

  private static String location(JsonParser p) {
    var loc = p.currentLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static @Nullable Object read(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken()));
        }
        return Collections.unmodifiableMap(map);
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(read(p, t));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> p.getIntValue();
          case LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDecimalValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new InvalidInputException("unexpected JSON token " + token);
    }
  }

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
      // Shortest text that reads back as the same double: 0.1 stays 0.1, not 0.1000000000000000055.
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

  /**
   * Whether the text holds any surrogate: only then is it checked, so the message naming its path
   * is built only for the rare strings that need the check.
   */
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
