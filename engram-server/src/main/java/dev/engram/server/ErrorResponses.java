package dev.engram.server;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.ReindexRequiredException;
import dev.engram.UnsupportedFeatureException;
import dev.engram.ValueTooLargeException;
import dev.engram.VersionConflictException;
import dev.engram.spi.JsonCodec;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code {"detail": "...", "error": "<code>"}} with
 * the status LangGraph clients expect, plus the fields a typed client needs to rebuild the
 * exception (versions of a conflict, sizes of a too-large value). A response never carries a stack
 * trace; an unexpected error is logged with the request id, which the response names.
 */
final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void write(Exception e, Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    int status = describe(e, ctx, body);
    ctx.status(status)
        .contentType(Replies.JSON)
        .result(JsonCodec.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  /** Javalin's answer for a path no route serves, as JSON like every other error. */
  static void unmatched(Context ctx) {
    if (!Replies.JSON.equals(ctx.res().getContentType())) {
      write(new NotFoundResponse("no endpoint " + ctx.method().name() + " " + ctx.path()
          + "; see /docs"), ctx);
    }
  }

  /** Fills in detail, error and extra fields; returns the status. */
  private static int describe(Exception e, Context ctx, Map<String, Object> body) {
    body.put("detail", e.getMessage());
    switch (e) {
      case ApiError api -> {
        body.put("error", api.code);
        body.putAll(api.extra);
        return api.status;
      }
      case ValueTooLargeException tooLarge -> {
        body.put("error", "value_too_large");
        body.put("target", tooLargeTarget(tooLarge));
        body.put("size_bytes", tooLarge.sizeBytes());
        body.put("limit_bytes", tooLarge.limitBytes());
        return 413;
      }
      case InvalidInputException invalid -> {
        body.put("error", "invalid_input");
        return 422;
      }
      case UnsupportedFeatureException unsupported -> {
        // 422, not 501: LangGraph's SDK retries 5xx answers, and retrying cannot help here.
        body.put("error", "unsupported_feature");
        return 422;
      }
      case VersionConflictException conflict -> {
        body.put("error", "version_conflict");
        body.put("target", target(conflict));
        body.put("expected_version", conflict.expectedVersion());
        body.put("actual_version", conflict.actualVersion());
        return 409;
      }
      case ReindexRequiredException reindex -> {
        // The store's message names both models and the command; add the endpoint.
        body.put("detail", e.getMessage() + " (over HTTP: POST " + IndexRoutes.REINDEX
            + " with an admin key)");
        body.put("error", "reindex_required");
        return 409;
      }
      case NotFoundException notFound -> {
        body.put("error", "not_found");
        return 404;
      }
      case BackendUnavailableException unavailable -> {
        log.warn("{} {} - store unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
        body.put("error", "backend_unavailable");
        return 503;
      }
      case EngramException closed -> {
        // The engine's own failures are a closed store: the server is shutting down.
        body.put("error", "unavailable");
        return 503;
      }
      case HttpResponseException http -> {
        // Javalin's own: unknown route (404), wrong method (405), body over its size limit (413).
        body.put("error", http.getStatus() == 413 ? "request_too_large" : "http_" + http.getStatus());
        return http.getStatus();
      }
      default -> {
        String requestId = RequestIds.of(ctx);
        log.error("{} {} - request {} failed", ctx.method(), ctx.path(), requestId, e);
        body.put("detail", "internal error; the server log has the details under request "
            + requestId);
        body.put("error", "internal");
        return 500;
      }
    }
  }

  /** What was too large ("message 0 of conversation c1"): its message is "WHAT is N bytes ...". */
  private static String tooLargeTarget(ValueTooLargeException tooLarge) {
    String message = tooLarge.getMessage();
    int end = message.lastIndexOf(" is " + tooLarge.sizeBytes() + " bytes");
    return end > 0 ? message.substring(0, end) : "value";
  }

  /** The item a conflict was about: its message is "version conflict on TARGET: expected ...". */
  private static String target(VersionConflictException conflict) {
    String message = conflict.getMessage();
    String prefix = "version conflict on ";
    int end = message.lastIndexOf(": expected ");
    return message.startsWith(prefix) && end > prefix.length()
        ? message.substring(prefix.length(), end)
        : message;
  }
}
