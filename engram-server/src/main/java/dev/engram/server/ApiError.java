package dev.engram.server;

import java.util.Map;

/**
 * An error the HTTP layer itself decides on (malformed request, missing key, grant refused, body
 * too large), with its status and the stable code clients switch on. Errors of the store are its
 * own exceptions; {@link ErrorResponses} maps both.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final Map<String, Object> extra;

  private ApiError(int status, String code, String detail, Map<String, Object> extra) {
    super(detail, null, false, false); // an expected outcome: no stack trace to fill
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  static ApiError badRequest(String detail) {
    return new ApiError(400, "bad_request", detail, Map.of());
  }

  static ApiError unauthorized(String detail) {
    return new ApiError(401, "unauthorized", detail, Map.of());
  }

  static ApiError forbidden(String detail) {
    return new ApiError(403, "forbidden", detail, Map.of());
  }

  static ApiError requestTooLarge(long size, long limit) {
    return new ApiError(413, "request_too_large",
        "the request body is " + size + " bytes, over the server's limit of " + limit
            + " bytes (max-request-bytes)", Map.of("size_bytes", size, "limit_bytes", limit));
  }

  static ApiError responseTooLarge(long limit) {
    return new ApiError(422, "response_too_large",
        "the response would exceed the server's limit of " + limit
            + " bytes (max-response-bytes); ask for fewer items with limit", Map.of());
  }

  static ApiError timeout(long millis) {
    return new ApiError(503, "timeout",
        "the request took longer than the server's limit of " + millis
            + " ms (request-timeout); it may still complete", Map.of());
  }
}
