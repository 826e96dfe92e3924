package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonCodec;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A request's query parameters, checked once against what the endpoint knows: an unknown one is a
 * 422 naming the known ones (a misspelt {@code limit} must not silently give the default), a
 * repeated one a 400 (so no layer can read a different copy of it than another).
 */
final class QueryParams {
  private final Context ctx;

  private QueryParams(Context ctx) {
    this.ctx = ctx;
  }

  static QueryParams of(Context ctx, Set<String> known) {
    for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
      if (!known.contains(param.getKey())) {
        throw new InvalidInputException("unknown query parameter \"" + param.getKey()
            + "\"; known: " + new TreeSet<>(known));
      }
      if (param.getValue().size() > 1) {
        throw ApiError.badRequest("query parameter \"" + param.getKey() + "\" is given "
            + param.getValue().size() + " times");
      }
    }
    return new QueryParams(ctx);
  }

  @Nullable String optional(String name) {
    return ctx.queryParam(name);
  }

  String required(String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      throw new InvalidInputException("query parameter \"" + name + "\" is required");
    }
    return value;
  }

  /** {@code true} or {@code false}; absent gives null. */
  @Nullable Boolean optionalBoolean(String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidInputException(
          name + " must be true or false, was \"" + value + "\"");
    };
  }

  boolean flag(String name) {
    return Boolean.TRUE.equals(optionalBoolean(name));
  }

  @Nullable Integer optionalInteger(String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be a whole number, was \"" + value + "\"");
    }
  }

  @Nullable Instant optionalInstant(String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be an ISO-8601 instant such as"
          + " 2031-05-17T09:30:00Z, was \"" + value + "\"");
    }
  }

  /** A JSON object written into the query string (a filter), URL-encoded. */
  @Nullable Map<String, Object> optionalObject(String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return JsonCodec.parseObject(value, "query parameter " + name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(name + " must be a JSON object: " + e.getMessage(), e);
    }
  }
}
