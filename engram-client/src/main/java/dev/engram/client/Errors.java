package dev.engram.client;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.ReindexRequiredException;
import dev.engram.UnsupportedFeatureException;
import dev.engram.ValueTooLargeException;
import dev.engram.VersionConflictException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an error response into the exception the engram-api contracts promise. The server's body
 * is {@code {"detail": "...", "error": "<code>", ...}}; the code picks the type (so a 422 for an
 * unsupported feature stays an {@link UnsupportedFeatureException}), the status decides when the
 * body is not the server's (a proxy's page, say).
 */
final class Errors {
  private Errors() {}

  static EngramException fromResponse(int status, @Nullable Object body, String request) {
    Map<?, ?> error = body instanceof Map ? (Map<?, ?>) body : Map.of();
    String detail =
        error.get("detail") instanceof String
            ? (String) error.get("detail")
            : request + " failed with HTTP " + status;
    String code = error.get("error") instanceof String ? (String) error.get("error") : "";
    switch (code) {
      case "version_conflict":
        return new VersionConflictException(
            String.valueOf(error.get("target")),
            number(error.get("expected_version"), 0L),
            error.get("actual_version") == null ? null : number(error.get("actual_version"), 0L));
      case "value_too_large":
        return new ValueTooLargeException(
            error.get("target") instanceof String ? (String) error.get("target") : "value",
            number(error.get("size_bytes"), 0L), number(error.get("limit_bytes"), 0L));
      case "reindex_required":
        return new ReindexRequiredException(detail);
      case "unsupported_feature":
        return new UnsupportedFeatureException(detail);
      case "invalid_input":
      case "bad_request":
      case "request_too_large":
        return new InvalidInputException(detail);
      case "not_found":
        return new NotFoundException(detail);
      default:
        return byStatus(status, detail);
    }
  }

  private static EngramException byStatus(int status, String detail) {
    if (status == 401 || status == 403) {
      return new AccessDeniedException(status, detail);
    }
    if (status == 404) {
      return new NotFoundException(detail);
    }
    if (status == 400 || status == 413 || status == 422) {
      return new InvalidInputException(detail);
    }
    if (status == 502 || status == 503 || status == 504) {
      return new BackendUnavailableException(detail);
    }
    return new EngramException(detail);
  }

  private static long number(@Nullable Object value, long otherwise) {
    return value instanceof Number ? ((Number) value).longValue() : otherwise;
  }
}
