package dev.engram.cli;

import dev.engram.Store;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engram reindex}: brings the search index up to date with its configuration. */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Re-embeds every item indexed by another model or other fields than the store's index",
      "configuration (after a model change, or to finish an interrupted 'engram index set'),",
      "with a progress bar on standard error when it is a terminal, and prints",
      "{\"reindexed\":N}. Items already up to date are left alone."
    })
final class ReindexCommand extends BaseCommand {
  @Override
  int run(Store store) {
    ProgressBar bar = ProgressBar.onTerminal(io.err());
    long reindexed;
    try {
      reindexed = store.reindex(bar.reporting("reindexing"));
    } finally {
      bar.finish();
    }
    Output.line(io.out(), Map.of("reindexed", reindexed));
    return ExitCodes.OK;
  }
}
