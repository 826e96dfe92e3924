package dev.engram.cli;

import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram checkpoints ...}: inspects and deletes checkpoint threads. */
@Command(
    name = "checkpoints",
    mixinStandardHelpOptions = true,
    description = "Lists and deletes the checkpoints of agent threads.",
    subcommands = {CheckpointsCommand.ListCheckpoints.class, CheckpointsCommand.Delete.class})
final class CheckpointsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (try 'engram checkpoints --help')");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a thread's checkpoints of every namespace, newest first, one JSON object per line:",
        "thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, ts, metadata, blobs (names),",
        "pending_writes (count). Prints nothing for an absent thread."
      })
  static final class ListCheckpoints extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "THREAD", description = "Thread id.")
    String threadId;

    @Option(names = "--limit", paramLabel = "N", description = "Most checkpoints to print.")
    @Nullable Integer limit;

    @Override
    int run() {
      CheckpointQuery query = CheckpointQuery.builder().allNamespaces(true).limit(limit).build();
      try (CheckpointStore store = checkpoints()) {
        for (CheckpointTuple t : store.list(CheckpointConfig.of(threadId), query)) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("thread_id", t.config().threadId());
          line.put("checkpoint_ns", t.config().checkpointNs());
          line.put("checkpoint_id", t.checkpoint().id());
          line.put("parent_checkpoint_id",
              t.parentConfig() == null ? null : t.parentConfig().checkpointId());
          line.put("ts", t.checkpoint().ts().toString());
          line.put("metadata", t.metadata());
          line.put("blobs", t.checkpoint().blobs().keySet().stream().toList());
          line.put("pending_writes", t.pendingWrites().size());
          Output.line(io().out(), line);
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a thread's checkpoints and prints {\"deleted\":true}; exits 1 when absent.")
  static final class Delete extends MemoryCommand {
    @Parameters(index = "0", paramLabel = "THREAD", description = "Thread id.")
    String threadId;

    @Override
    int run() {
      try (CheckpointStore store = checkpoints()) {
        if (!store.deleteThread(threadId)) {
          io().error("no checkpoint thread \"" + threadId + "\"");
          return ExitCodes.NOT_FOUND;
        }
      }
      Output.line(io().out(), Map.of("deleted", true));
      return ExitCodes.OK;
    }
  }
}
