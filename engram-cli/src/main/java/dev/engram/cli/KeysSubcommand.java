package dev.engram.cli;

import dev.engram.server.ApiKeyFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A {@code engram keys} subcommand: finds the key file, runs, flushes. */
abstract class KeysSubcommand implements Callable<Integer> {
  @ParentCommand KeysCommand keys;
  @Mixin KeysCommand.FileOptions fileOptions;
  Io io;

  @Override
  public final Integer call() {
    io = keys.cli.io();
    int code = run(fileOptions.open(io));
    io.out().flush();
    return code;
  }

  abstract int run(ApiKeyFile file);
}
