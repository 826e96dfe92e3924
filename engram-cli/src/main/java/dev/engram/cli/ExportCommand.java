package dev.engram.cli;

import dev.engram.Namespace;
import dev.engram.core.transfer.DataKind;
import dev.engram.core.transfer.Exporter;
import java.time.Clock;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram export}: writes memories to standard output as JSON Lines. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the store's memories to standard output as JSON Lines, one record per line with a",
      "\"kind\" (item, conversation, message, checkpoint) and remaining TTLs. Only visible",
      "(unexpired) data is exported; reading refreshes no TTL. Read back with 'engram import'."
    })
final class ExportCommand extends MemoryCommand {
  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "store, conversations, checkpoints or all (default: all).")
  String kind = Kinds.ALL;

  @Option(
      names = "--prefix",
      paramLabel = "NS",
      description = "Only Store items under this namespace (whole labels).")
  String prefix = "";

  @Override
  int run() {
    Set<DataKind> kinds = Kinds.parse(kind);
    Namespace namespace = Args.namespace(prefix, "--prefix");
    Exporter exporter =
        new Exporter(Exporter.DEFAULT_BATCH_SIZE, Clock.systemUTC(),
            record -> Output.line(io().out(), record), (k, token, units) -> io().out().flush());
    try (Memories source = new Memories(storeOptions.resolve(io().env()))) {
      for (DataKind k : kinds) {
        if (kinds.size() > 1 && !source.supports(k)) {
          io().error("skipping " + k.json() + ": not available on " + source.uri());
          continue;
        }
        switch (k) {
          case STORE -> exporter.store(source.store(), namespace, null);
          case CONVERSATIONS -> exporter.conversations(source.conversations(), null);
          case CHECKPOINTS -> exporter.checkpoints(source.checkpoints(), null);
        }
      }
    }
    return ExitCodes.OK;
  }
}
