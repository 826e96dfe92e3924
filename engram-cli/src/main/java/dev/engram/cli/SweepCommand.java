package dev.engram.cli;

import dev.engram.Store;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engram sweep}: deletes expired items now. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Deletes expired items now and prints {\"removed\":N}.")
final class SweepCommand extends BaseCommand {
  @Override
  int run(Store store) {
    long removed = store.sweepExpired();
    Output.line(io.out(), Map.of("removed", removed));
    return ExitCodes.OK;
  }
}
