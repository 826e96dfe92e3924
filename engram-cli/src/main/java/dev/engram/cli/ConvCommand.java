package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationInfo;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStats;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.LoadOptions;
import dev.engram.conversation.Message;
import dev.engram.spi.DecimalSeconds;
import dev.engram.spi.JsonCodec;
import dev.engram.spi.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram conv ...}: conversations, one subcommand per operation. */
@Command(
    name = "conv",
    mixinStandardHelpOptions = true,
    description = "Reads and writes conversations (message histories) in the store.",
    subcommands = {
      ConvCommand.Append.class,
      ConvCommand.Show.class,
      ConvCommand.ListConversations.class,
      ConvCommand.Delete.class,
      ConvCommand.Ttl.class,
      ConvCommand.Stats.class,
      ConvCommand.Cleanup.class
    })
final class ConvCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (try 'engram conv --help')");
  }

  /** A conversation as {@code conv show} prints it. */
  static Map<String, Object> conversation(Conversation c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    json.put("messages", c.messages().stream().map(MessageCodec::toJson).toList());
    json.put("message_count", c.messageCount());
    json.put("created_at", c.createdAt().toString());
    json.put("updated_at", c.updatedAt().toString());
    json.put("expires_at", c.expiresAt() == null ? null : c.expiresAt().toString());
    json.put("metadata", c.metadata());
    return json;
  }

  @Command(
      name = "append",
      mixinStandardHelpOptions = true,
      description = {
        "Appends messages to a conversation, creating it when absent, and prints",
        "{\"id\":ID,\"message_count\":N}. A message whose id the conversation holds is skipped.",
        "A message: {\"role\": \"user\", \"content\": \"hi\"} with optional id, timestamp,",
        "tool_calls, tool_call_id, metadata."
      })
  static final class Append extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id.")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "JSON",
        description = "A message object or an array of them, or - to read it from standard input.")
    String json;

    @Override
    int run() {
      List<Message> messages = messages(readJson(json, io(), "messages"));
      try (ConversationStore store = conversations()) {
        long count = store.append(id, messages);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("message_count", count);
        Output.line(io().out(), out);
      }
      return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private static List<Message> messages(@Nullable Object json) {
      if (json instanceof Map<?, ?> one) {
        return List.of(MessageCodec.fromJson((Map<String, Object>) one, "message"));
      }
      if (json instanceof List<?> many) {
        List<Message> messages = new ArrayList<>();
        for (Object m : many) {
          if (!(m instanceof Map<?, ?> map)) {
            throw new InvalidInputException("message " + messages.size() + " is not a JSON object");
          }
          messages.add(MessageCodec.fromJson((Map<String, Object>) map, "message "
              + messages.size()));
        }
        return messages;
      }
      throw new InvalidInputException("messages must be a JSON object or an array of objects");
    }
  }

  /** JSON given as text, or read from standard input when the text is {@code -}. */
  static @Nullable Object readJson(String text, Io io, String what) {
    if (!"-".equals(text)) {
      return JsonCodec.parse(text, what);
    }
    try {
      return JsonCodec.parse(new String(io.in().readAllBytes(), StandardCharsets.UTF_8),
          what + " (from standard input)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " from standard input", e);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a conversation as one JSON object (messages oldest first); exits 1 when absent."
      })
  static final class Show extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id.")
    String id;

    @Option(names = "--last", paramLabel = "N", description = "Only the last N messages.")
    @Nullable Integer last;

    @Option(names = "--include-expired", description = "Show it even if it expired (until cleanup).")
    boolean includeExpired;

    @Override
    int run() {
      LoadOptions options = LoadOptions.builder().lastN(last).includeExpired(includeExpired).build();
      try (ConversationStore store = conversations()) {
        Optional<Conversation> c = store.load(id, options);
        if (c.isEmpty()) {
          io().error("no conversation \"" + id + "\"");
          return ExitCodes.NOT_FOUND;
        }
        Output.line(io().out(), conversation(c.get()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Prints conversations by id, one JSON object per line (id, message_count, updated_at).")
  static final class ListConversations extends MemoryCommand {
    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Most conversations to print, 1-" + ConversationQuery.MAX_LIMIT
            + " (default: " + ConversationQuery.DEFAULT_LIMIT + ").")
    @Nullable Integer limit;

    @Override
    int run() {
      ConversationQuery.Builder query = ConversationQuery.builder();
      if (limit != null) {
        query.limit(limit);
      }
      try (ConversationStore store = conversations()) {
        for (ConversationInfo info : store.list(query.build()).conversations()) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("id", info.id());
          line.put("message_count", info.messageCount());
          line.put("updated_at", info.updatedAt().toString());
          Output.line(io().out(), line);
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a conversation and prints {\"deleted\":true}; exits 1 when absent.")
  static final class Delete extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id.")
    String id;

    @Override
    int run() {
      try (ConversationStore store = conversations()) {
        if (!store.delete(id)) {
          io().error("no conversation \"" + id + "\"");
          return ExitCodes.NOT_FOUND;
        }
      }
      Output.line(io().out(), Map.of("deleted", true));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "ttl",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the time a conversation has left, {\"remaining_seconds\":N}, or",
        "{\"remaining_seconds\":null} when it does not expire; exits 1 when absent.",
        "--set gives it a new TTL from now; --clear removes its expiry."
      })
  static final class Ttl extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Conversation id.")
    String id;

    @ArgGroup(exclusive = true)
    @Nullable Change change;

    static final class Change {
      @Option(names = "--set", paramLabel = "MINUTES",
          description = "New TTL in minutes, from now (fractions allowed).")
      @Nullable String minutes;

      @Option(names = "--clear", description = "Never expire.")
      boolean clear;
    }

    @Override
    int run() {
      Duration ttl = change == null || change.minutes == null ? null : minutes(change.minutes);
      try (ConversationStore store = conversations()) {
        if (change != null) {
          store.setTtl(id, change.clear ? null : ttl);
        }
        Optional<Duration> remaining = store.getTtl(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("remaining_seconds", remaining.map(DecimalSeconds::of).orElse(null));
        Output.line(io().out(), out);
      }
      return ExitCodes.OK;
    }

    private static Duration minutes(String text) {
      try {
        return Args.ttlMinutes(text);
      } catch (InvalidInputException e) {
        // Args names the Store's --ttl option; this command's option is --set.
        throw new InvalidInputException(e.getMessage().replace("--ttl", "--set"), e);
      }
    }
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Prints {\"conversations\":N,\"messages\":N,\"expired\":N,\"storage_bytes\":N|null}.")
  static final class Stats extends MemoryCommand {
    @Override
    int run() {
      try (ConversationStore store = conversations()) {
        ConversationStats stats = store.stats();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversations", stats.conversations());
        out.put("messages", stats.messages());
        out.put("expired", stats.expired());
        out.put("storage_bytes", stats.storageBytes());
        Output.line(io().out(), out);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = "Deletes expired conversations now and prints {\"removed\":N}.")
  static final class Cleanup extends MemoryCommand {
    @Override
    int run() {
      try (ConversationStore store = conversations()) {
        Output.line(io().out(), Map.of("removed", store.cleanup()));
      }
      return ExitCodes.OK;
    }
  }
}
