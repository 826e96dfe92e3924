package dev.engram.cli;

import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command on conversations or checkpoints: takes {@code --store URI} like the Store commands and
 * finds the run's {@link Io} through the root command. Errors propagate as exceptions and become
 * exit codes in {@link ExitCodes}.
 */
abstract class MemoryCommand implements Callable<Integer> {
  @Mixin StoreOptions storeOptions;

  @Spec CommandSpec spec;

  /** The streams and environment of this run. */
  Io io() {
    return ((EngramCli) spec.root().userObject()).io();
  }

  @Override
  public final Integer call() {
    int code = run();
    io().out().flush();
    return code;
  }

  /** Runs the command and returns the exit code. */
  abstract int run();

  /** Opens the conversation store for one command: no background sweeper. */
  ConversationStore conversations() {
    return Engram.conversations(storeOptions.resolve(io().env())).backgroundSweep(false).open();
  }

  /** Opens the checkpoint store for one command: no background sweeper. */
  CheckpointStore checkpoints() {
    return Engram.checkpoints(storeOptions.resolve(io().env())).backgroundSweep(false).open();
  }
}
