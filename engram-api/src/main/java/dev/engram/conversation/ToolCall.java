package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool an assistant message asks to call. Stored with its message and returned unchanged, never
 * dropped; the tool's answer is a {@link Role#TOOL} message whose {@link Message#toolCallId()} is
 * this call's {@code id}.
 *
 * @param id identifies the call within the conversation, e.g. {@code call_abc123}
 * @param name the tool's name
 * @param arguments the arguments as a JSON object
 */
public record ToolCall(String id, String name, Map<String, Object> arguments) {
  public ToolCall {
    if (id == null || id.isEmpty()) {
      throw new InvalidInputException("tool call id must not be empty");
    }
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("tool call " + id + ": name must not be empty");
    }
    if (arguments == null) {
      throw new InvalidInputException(
          "tool call " + id + ": arguments must not be null (use an empty map)");
    }
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }
}
