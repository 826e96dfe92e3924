package dev.engram.cli;

import dev.engram.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that works on a store: parses {@code --store}, opens the store, runs, closes it.
 * Errors propagate as exceptions and become exit codes in {@link ExitCodes}.
 */
abstract class BaseCommand implements Callable<Integer> {
  /** Set by the factory before the command runs. */
  Io io;

  @Mixin StoreOptions storeOptions;

  @Override
  public final Integer call() {
    prepare();
    try (Store store = storeOptions.open(io.env())) {
      int code = run(store);
      io.out().flush();
      return code;
    }
  }

  /** Validates arguments before the store is opened; throws InvalidInputException. */
  void prepare() {}

  /** Runs against the open store and returns the exit code. */
  abstract int run(Store store);
}
