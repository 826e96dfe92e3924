package dev.engram.checkpoint;

import dev.engram.InvalidInputException;

/**
 * One write of a task to a channel, as given to {@link CheckpointStore#putWrites}.
 *
 * @param channel the channel written, or one of the {@link SpecialChannels}
 * @param value the serialized value
 */
public record Write(String channel, TypedValue value) {
  public Write {
    if (channel == null || channel.isEmpty()) {
      throw new InvalidInputException("write channel must not be empty");
    }
    if (value == null) {
      throw new InvalidInputException("write to channel " + channel + " has a null value");
    }
  }
}
