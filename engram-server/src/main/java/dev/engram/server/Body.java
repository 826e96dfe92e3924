package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.JsonValues;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A request's JSON object and typed access to its fields. Text that is not JSON is a 400; a field
 * of the wrong type, or one the endpoint does not know, is a 422 naming it — an unknown field is
 * refused rather than ignored, so that a misspelt {@code if_version} never drops a precondition.
 */
final class Body {
  private final Map<String, Object> fields;
  private final String what;

  private Body(Map<String, Object> fields, String what) {
    this.fields = fields;
    this.what = what;
  }

  /** The request's body, which must be one JSON object within the size limit. */
  static Body of(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw ApiError.requestTooLarge(declared, maxBytes);
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > maxBytes) {
      throw ApiError.requestTooLarge(bytes.length, maxBytes);
    }
    if (bytes.length == 0) {
      throw ApiError.badRequest("the request needs a JSON object as its body");
    }
    try {
      return new Body(JsonCodec.parseObject(bytes, "request body"), "request body");
    } catch (InvalidInputException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  /** A JSON object inside a body (an operation of a batch), checked like a body. */
  static Body of(@Nullable Object json, String what) {
    if (!(json instanceof Map<?, ?>)) {
      throw new InvalidInputException(what + " must be a JSON object, was "
          + JsonValues.kind(json).description());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) json;
    return new Body(fields, what);
  }

  /** Refuses fields outside {@code known}. */
  Body allowOnly(Set<String> known) {
    for (String name : fields.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            "unknown field \"" + name + "\" in " + what + "; known: " + new TreeSet<>(known));
      }
    }
    return this;
  }

  /** The same object without one field (the {@code op} of a batch operation). */
  Body without(String name) {
    Map<String, Object> rest = new java.util.LinkedHashMap<>(fields);
    rest.remove(name);
    return new Body(rest, what);
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  @Nullable Object raw(String name) {
    return fields.get(name);
  }

  /** A namespace written as an array of labels; absent or null gives {@code otherwise}. */
  Namespace namespace(String name, @Nullable Namespace otherwise) {
    Object value = fields.get(name);
    if (value == null) {
      if (otherwise == null) {
        throw missing(name, "an array of namespace labels");
      }
      return otherwise;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      @SuppressWarnings("unchecked")
      List<String> labels = (List<String>) list;
      try {
        return Namespace.of(labels);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(name + ": " + e.getMessage(), e);
      }
    }
    throw wrongType(name, "an array of strings", value);
  }

  String string(String name) {
    Object value = fields.get(name);
    if (value instanceof String s) {
      return s;
    }
    throw value == null ? missing(name, "a string") : wrongType(name, "a string", value);
  }

  @Nullable String optionalString(String name) {
    return fields.get(name) == null ? null : string(name);
  }

  int integer(String name, int otherwise) {
    Object value = fields.get(name);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Integer i) {
      return i;
    }
    throw wrongType(name, "a whole number", value);
  }

  @Nullable Integer optionalInteger(String name) {
    return fields.get(name) == null ? null : integer(name, 0);
  }

  @Nullable Long optionalLong(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw wrongType(name, "a whole number", value);
  }

  @Nullable Boolean optionalBoolean(String name) {
    Object value = fields.get(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw wrongType(name, "true or false", value);
  }

  /** A JSON array field, which must be present. */
  List<?> array(String name) {
    Object value = fields.get(name);
    if (value instanceof List<?> list) {
      return list;
    }
    throw value == null ? missing(name, "an array") : wrongType(name, "an array", value);
  }

  /** A JSON object field; null when absent or null. */
  @SuppressWarnings("unchecked")
  @Nullable Map<String, Object> optionalObject(String name) {
    Object value = fields.get(name);
    if (value == null || value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw wrongType(name, "a JSON object", value);
  }

  private InvalidInputException missing(String name, String expected) {
    return new InvalidInputException(what + " needs \"" + name + "\": " + expected);
  }

  private static InvalidInputException wrongType(String name, String expected, Object value) {
    return new InvalidInputException(
        name + " must be " + expected + ", was " + JsonValues.kind(value).description());
  }
}
