package dev.engram.core.transfer;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonValues;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading and writing the fields of export records, with errors naming the field. */
final class Records {
  private Records() {}

  static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  static String string(Map<String, Object> record, String field, String where) {
    if (!(record.get(field) instanceof String s)) {
      throw new InvalidInputException(where + ": \"" + field + "\" must be a string");
    }
    return s;
  }

  static @Nullable String optionalString(Map<String, Object> record, String field, String where) {
    return record.get(field) == null ? null : string(record, field, where);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> record, String field, String where) {
    Object value = record.get(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidInputException(where + ": \"" + field + "\" must be a JSON object, was "
          + JsonValues.kind(value).description());
    }
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Map<String, Object> record, String field, String where) {
    Object value = record.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof Map<?, ?>)) {
      throw new InvalidInputException(where + ": \"" + field + "\" must be an array of objects");
    }
    return (List<Map<String, Object>>) value;
  }

  static @Nullable Instant optionalTime(Map<String, Object> record, String field, String where) {
    String text = optionalString(record, field, where);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(where + ": \"" + field + "\" is not an ISO-8601 instant: "
          + text);
    }
  }

  /** A positive number of seconds as a duration, or null when the field is null or absent. */
  static @Nullable Duration optionalSeconds(
      Map<String, Object> record, String field, String where) {
    Object value = record.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new InvalidInputException(where + ": \"" + field + "\" must be a number of seconds");
    }
    BigDecimal micros = JsonValues.decimal(n).movePointRight(6);
    return Duration.ofNanos(micros.longValue() * 1000);
  }

  static byte[] bytes(Map<String, Object> record, String field, String where) {
    try {
      return Base64.getDecoder().decode(string(record, field, where));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + ": \"" + field + "\" is not base64");
    }
  }
}
