package dev.engram.spi;

import dev.engram.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A store URI taken apart: {@code scheme:target?name=value&...}. The target is whatever the backend
 * makes of it (a file path for {@code sqlite:}, an authority and path for {@code postgresql://}).
 *
 * @param text the URI as given
 * @param scheme lower-cased, e.g. {@code sqlite}
 * @param target the part between the scheme's colon and the query
 * @param params the decoded query parameters, in order
 */
public record BackendUri(String text, String scheme, String target, Map<String, String> params) {

  public static BackendUri parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("store URI must not be empty");
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || !text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new InvalidInputException(
          "store URI must start with a scheme such as sqlite: or memory:, was \"" + text + "\"");
    }
    String scheme = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String rest = text.substring(colon + 1);
    int question = rest.indexOf('?');
    String target = question < 0 ? rest : rest.substring(0, question);
    Map<String, String> params = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.put(name, value);
      }
    }
    return new BackendUri(text, scheme, target, Collections.unmodifiableMap(params));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URI with any password replaced, safe for logs and messages. */
  public String redacted() {
    return redact(text);
  }

  /**
   * The URI text with the secret part of its user info replaced by {@code ***}. Everything up to
   * the last '@' of the authority is user info, so even a password holding an unescaped '/' or
   * '@' (not valid, but it must not leak) is masked whole.
   */
  public static String redact(String text) {
    int start = text.indexOf("//");
    if (start < 0) {
      return text;
    }
    int query = text.indexOf('?', start);
    int end = query < 0 ? text.length() : query;
    int at = text.lastIndexOf('@', end - 1);
    if (at < start) {
      return text;
    }
    int colon = text.indexOf(':', start + 2);
    if (colon < 0 || colon > at) {
      return text;
    }
    return text.substring(0, colon + 1) + "***" + text.substring(at);
  }

  /**
   * A parameter parsed as a positive integer, or the default.
   *
   * @throws InvalidInputException naming the parameter when it is not a positive integer
   */
  public int intParam(String name, int defaultValue) {
    String value = params.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidInputException(
        "store URI parameter " + name + " must be a positive integer, was \"" + value + "\"");
  }

  /** Rejects parameters the backend does not know, so a typo never passes silently. */
  public void requireOnlyParams(java.util.Set<String> known) {
    for (String name : params.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            "unknown parameter \"" + name + "\" in store URI " + redacted() + "; known: " + known);
      }
    }
  }
}
