package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.ValueTooLargeException;
import dev.engram.conversation.Message;
import dev.engram.conversation.ToolCall;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.MessageCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the messages of a save or append into what backends store: each one checked, given an id
 * and a timestamp when it has none, made canonical and encoded once.
 */
final class MessageInputs {
  private final int maxMessageBytes;

  MessageInputs(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The messages encoded, in order.
   *
   * @param skipRepeatedIds true for an append (a later message with an id already in the call is
   *     skipped, as a retry would be); false for a save, where a repeated id is an error
   */
  List<EncodedMessage> encode(
      String conversationId, List<Message> messages, Instant now, boolean skipRepeatedIds) {
    if (messages == null) {
      throw new InvalidInputException(
          "conversation \"" + conversationId + "\": messages must not be null (use an empty list)");
    }
    List<EncodedMessage> encoded = new ArrayList<>(messages.size());
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      String what = "conversation \"" + conversationId + "\": message " + i;
      EncodedMessage message = encode(messages.get(i), now, what);
      Integer earlier = positions.putIfAbsent(message.id(), i);
      if (earlier == null) {
        encoded.add(message);
      } else if (!skipRepeatedIds) {
        throw new InvalidInputException(
            "conversation \"" + conversationId + "\": messages " + earlier + " and " + i
                + " share the id \"" + message.id() + "\"");
      }
    }
    return encoded;
  }

  private EncodedMessage encode(Message message, Instant now, String what) {
    if (message == null) {
      throw new InvalidInputException(what + " is null");
    }
    String id =
        message.id() == null ? TimeOrderedIds.next(now) : IdInputs.id(message.id(), what + " id");
    if (message.toolCallId() != null) {
      IdInputs.id(message.toolCallId(), what + " toolCallId");
    }
    for (ToolCall call : message.toolCalls()) {
      IdInputs.id(call.id(), what + " tool call id");
      IdInputs.id(call.name(), what + " tool call name");
    }
    Instant timestamp =
        message.timestamp() == null ? now : message.timestamp().truncatedTo(ChronoUnit.MICROS);
    Message resolved =
        new Message(
            id, message.role(), message.content(), timestamp, message.toolCalls(),
            message.toolCallId(), message.metadata());
    // Encoding checks every value (content, metadata, tool call arguments) and gives the
    // canonical form, which is what every backend returns.
    EncodedValue json = JsonCodec.encode(MessageCodec.toJson(resolved), what);
    if (json.sizeBytes() > maxMessageBytes) {
      throw new ValueTooLargeException(what, json.sizeBytes(), maxMessageBytes);
    }
    return new EncodedMessage(MessageCodec.fromJson(json.canonical(), what), json.json());
  }
}
