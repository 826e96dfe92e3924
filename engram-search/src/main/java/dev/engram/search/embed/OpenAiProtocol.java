package dev.engram.search.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.EngramException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON of {@code POST /embeddings}: the request, the vectors of a response, its error text. */
final class OpenAiProtocol {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** Enough of a non-JSON error body (an HTML page from a proxy) to recognise it. */
  private static final int MAX_ERROR_TEXT = 300;

  private OpenAiProtocol() {}

  record Request(String model, List<String> input) {}

  record Response(@Nullable List<Datum> data) {}

  record Datum(@Nullable Integer index, float @Nullable [] embedding) {}

  static byte[] request(String model, List<String> texts) {
    try {
      return JSON.writeValueAsBytes(new Request(model, texts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings always serializes", e);
    }
  }

  /**
   * The vectors of a response, in the order of the texts sent: services may list them in any
   * order, each tagged with the position of its text.
   *
   * @param who the embedder and service, for messages
   */
  static List<float[]> vectors(byte[] body, int texts, String who) {
    Response response;
    try {
      response = JSON.readValue(body, Response.class);
    } catch (IOException e) {
      throw new EngramException(who + " answered with something other than embeddings: " + e, e);
    }
    List<Datum> data = response.data();
    if (data == null || data.size() != texts) {
      throw new EngramException(
          who + " returned " + (data == null ? "no" : data.size()) + " vectors for " + texts
              + " texts");
    }
    float[][] ordered = new float[texts][];
    for (Datum datum : data) {
      Integer index = datum.index();
      if (index == null || index < 0 || index >= texts || ordered[index] != null) {
        throw new EngramException(
            who + " returned a vector with index " + index + " for " + texts + " texts"
                + (index != null && index >= 0 && index < texts ? " (twice)" : ""));
      }
      if (datum.embedding() == null) {
        throw new EngramException(who + " returned no embedding at index " + index);
      }
      ordered[index] = datum.embedding();
    }
    return new ArrayList<>(Arrays.asList(ordered));
  }

  /**
   * What the service said went wrong: {@code error.message} (OpenAI, Azure, vLLM), {@code error}
   * as text (Ollama), {@code message}, or the start of the body itself.
   */
  static String errorMessage(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null) {
        JsonNode error = root.path("error");
        if (error.isTextual()) {
          return error.asText();
        }
        if (error.path("message").isTextual()) {
          return error.path("message").asText();
        }
        if (root.path("message").isTextual()) {
          return root.path("message").asText();
        }
      }
    } catch (IOException notJson) {
      // an error page of a proxy or a plain-text body: its text is the message
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "(no message)";
    }
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
  }
}
