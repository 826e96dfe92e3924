package dev.engram.spi;

import dev.engram.conversation.Message;
import java.time.Instant;

/**
 * A message checked and resolved by the engine: id and timestamp assigned, values canonical, and
 * its JSON document (see {@link MessageCodec}) encoded once. Backends store whichever suits them;
 * a backend that stores {@link #json()} turns it back into a message with {@link
 * MessageCodec#decode}.
 */
public record EncodedMessage(Message message, String json) {

  /** The message id, never null here. */
  public String id() {
    return message.id();
  }

  /** The message timestamp at microsecond precision, never null here. */
  public Instant timestamp() {
    return message.timestamp();
  }
}
