package dev.engram.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code engram} command. {@link #main} runs it against the process's streams and exits with
 * its code; {@link #run} runs it against given streams and environment and returns the code, for
 * tests and embedding.
 *
 * <p>Standard output carries only results (one compact JSON value per line) and help; every
 * message goes to standard error, prefixed {@code "engram: "}. See {@link ExitCodes} for the exit
 * codes.
 */
@Command(
    name = "engram",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Persistent memory for AI agents: reads and writes an Engram store.",
    footer = {
      "",
      "Exit codes: 0 success, 1 not found, 2 invalid input or usage, 3 conflict (a version,"
          + " or an index that needs 'engram reindex'), 4 backend error.",
      "The store defaults to $ENGRAM_STORE, else " + StoreOptions.DEFAULT_URI + "."
    },
    subcommands = {
      PutCommand.class,
      GetCommand.class,
      DeleteCommand.class,
      SearchCommand.class,
      NamespacesCommand.class,
      SweepCommand.class,
      IndexCommand.class,
      ReindexCommand.class,
      ConvCommand.class,
      CheckpointsCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      MigrateCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EngramCli implements Callable<Integer> {
  private final Io io;

  @Spec CommandSpec spec;

  EngramCli(Io io) {
    this.io = io;
  }

  /** The streams and environment of one run. */
  Io io() {
    return io;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command (try 'engram --help')");
  }

  /**
   * Runs the command line once.
   *
   * @param args the arguments after {@code engram}
   * @param in read when a command takes its input from standard input ({@code -})
   * @param out receives the results; written as UTF-8 by the caller's stream
   * @param err receives messages
   * @param env the environment ({@code ENGRAM_STORE})
   * @return the exit code (see {@link ExitCodes})
   */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    Io io = new Io(in, out, err, Map.copyOf(env));
    CommandLine cmd = new CommandLine(new EngramCli(io), new Factory(io));
    // Help and picocli's messages in the streams' own charset (UTF-8 from main), not the default.
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, err.charset()), true);
    cmd.setOut(outWriter);
    cmd.setErr(errWriter);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cmd.setParameterExceptionHandler(ExitCodes::onUsageError);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> ExitCodes.onError(ex, io));
    try {
      return cmd.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
      out.flush();
      err.flush();
    }
  }

  /** Runs {@code engram} on this process: UTF-8 output whatever the platform's default. */
  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // Anything a library prints on System.out would corrupt the JSON: send it to stderr instead.
    System.setOut(err);
    System.setErr(err);
    JulLogging.install();
    int code = run(args, System.in, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Creates the commands of one run, handing each the run's {@link Io}. */
  private record Factory(Io io) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (BaseCommand.class.isAssignableFrom(cls)) {
        K command = CommandLine.defaultFactory().create(cls);
        ((BaseCommand) command).io = io;
        return command;
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
