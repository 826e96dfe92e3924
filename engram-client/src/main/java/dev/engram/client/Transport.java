package dev.engram.client;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange with the server: JSON in, canonical JSON out, errors as Engram exceptions. The
 * JDK {@link HttpClient} keeps connections alive between calls and is safe to share between
 * threads.
 */
final class Transport {
  /** RFC 7240: asks a write endpoint for its result instead of an empty 204. */
  static final String PREFER_REPRESENTATION = "return=representation";
  /** What {@link #getIfPresent} answers for a resource the server does not have. */
  static final Object ABSENT = new Object();

  private final HttpClient http;
  private final URI base;
  private final @Nullable String apiKey;
  private final Duration requestTimeout;

  Transport(HttpClient http, URI base, @Nullable String apiKey, Duration requestTimeout) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
  }

  /** A GET with query parameters (null values are left out). */
  @Nullable Object get(String path, Map<String, ?> query) {
    return exchange("GET", path + query(query), null, false, false, requestTimeout);
  }

  /**
   * A GET of a resource that may be absent: {@link #ABSENT} when the server answers that it has
   * no such thing (404 {@code not_found}); a 404 for an unknown endpoint still throws, so a wrong
   * base URI is never mistaken for an empty store.
   */
  @Nullable Object getIfPresent(String path, Map<String, ?> query) {
    return exchange("GET", path + query(query), null, false, true, requestTimeout);
  }

  /** A request with a JSON body; {@code wantResult} asks a write endpoint for its result. */
  @Nullable Object send(String method, String path, Map<String, ?> body, boolean wantResult) {
    return exchange(method, path, Json.write(body), wantResult, false, requestTimeout);
  }

  /**
   * A request whose work grows with the data (a reindex): it waits as long as the server works,
   * not the request timeout, as the server does not bound it either; connecting is still bounded.
   */
  @Nullable Object sendUnbounded(String method, String path, Map<String, ?> body) {
    return exchange(method, path, Json.write(body), false, false, null);
  }

  /** A request without a body, such as a DELETE of a resource. */
  @Nullable Object send(String method, String path) {
    return exchange(method, path, null, false, false, requestTimeout);
  }

  /** A path segment carrying an id, percent-encoded (a "/" inside travels as %2F, a space as %20). */
  static String segment(String id) {
    return encode(id).replace("+", "%20");
  }

  private static String query(Map<String, ?> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (Map.Entry<String, ?> param : query.entrySet()) {
      if (param.getValue() != null) {
        q.add(encode(param.getKey()) + "=" + encode(String.valueOf(param.getValue())));
      }
    }
    return q.toString();
  }

  private @Nullable Object exchange(String method, String path, byte @Nullable [] body,
      boolean wantResult, boolean absentIsAnswer, @Nullable Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (timeout != null) {
      request.timeout(timeout);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (wantResult) {
      request.header("prefer", PREFER_REPRESENTATION);
    }
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    String what = method + " " + base.resolve(path).getPath();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new BackendUnavailableException(
          what + " on " + base + " timed out after " + timeout, e);
    } catch (IOException e) {
      throw new BackendUnavailableException(
          what + " on " + base + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngramException(what + " on " + base + " was interrupted", e);
    }
    Object json = parse(response, what);
    if (absentIsAnswer && response.statusCode() == 404 && json instanceof Map
        && "not_found".equals(((Map<?, ?>) json).get("error"))) {
      return ABSENT;
    }
    if (response.statusCode() >= 300) {
      throw Errors.fromResponse(response.statusCode(), json, what);
    }
    return json;
  }

  private @Nullable Object parse(HttpResponse<byte[]> response, String what) {
    byte[] bytes = response.body();
    if (bytes.length == 0) {
      return null;
    }
    try {
      return Json.read(bytes);
    } catch (IOException e) {
      if (response.statusCode() >= 300) {
        return null; // not the server's JSON error (a proxy's page): the status decides
      }
      throw new EngramException(
          what + " on " + base + " answered HTTP " + response.statusCode()
              + " with a body that is not JSON: " + e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  URI base() {
    return base;
  }
}
