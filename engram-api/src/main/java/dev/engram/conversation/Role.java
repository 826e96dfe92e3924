package dev.engram.conversation;

import dev.engram.InvalidInputException;
import java.util.Locale;

/** Who wrote a {@link Message}; written in JSON in lower case ({@code "assistant"}). */
public enum Role {
  USER,
  ASSISTANT,
  SYSTEM,
  TOOL;

  /** The JSON name: {@code user}, {@code assistant}, {@code system} or {@code tool}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role written {@code json}.
   *
   * @throws InvalidInputException naming the accepted roles when {@code json} is none of them
   */
  public static Role fromJson(String json) {
    for (Role role : values()) {
      if (role.json().equals(json)) {
        return role;
      }
    }
    throw new InvalidInputException(
        "role must be one of user, assistant, system, tool; was \"" + json + "\"");
  }
}
