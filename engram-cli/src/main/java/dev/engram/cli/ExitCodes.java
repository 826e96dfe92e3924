package dev.engram.cli;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.engram.NotFoundException;
import dev.engram.ReindexRequiredException;
import dev.engram.UnsupportedFeatureException;
import dev.engram.VersionConflictException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The exit codes of {@code engram} and how errors map to them. */
final class ExitCodes {
  static final int OK = 0;
  static final int NOT_FOUND = 1;
  static final int INVALID = 2;
  static final int CONFLICT = 3;
  static final int BACKEND = 4;

  /** Set to any value to get stack traces of unexpected errors on standard error. */
  static final String DEBUG_ENV_VAR = "ENGRAM_DEBUG";

  private ExitCodes() {}

  /** A command line picocli could not parse: unknown option, missing or malformed argument. */
  static int onUsageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("engram: " + ex.getMessage());
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println("engram: did you mean " + String.join(" or ", suggestions) + "?");
      }
    }
    err.println("engram: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return INVALID;
  }

  /** An exception a command threw: a message on standard error, never a stack trace. */
  static int onError(Exception ex, Io io) {
    int code = codeFor(ex);
    if (ex instanceof EngramException) {
      io.error(messageOf(ex));
    } else if (ex instanceof java.io.UncheckedIOException io2) {
      io.error("I/O error: " + messageOf(io2.getCause()));
    } else {
      io.error("unexpected error: " + ex);
      if (io.env().containsKey(DEBUG_ENV_VAR)) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        io.err().print(trace);
      } else {
        io.error("set " + DEBUG_ENV_VAR + "=1 for details");
      }
    }
    return code;
  }

  static int codeFor(Throwable ex) {
    if (ex instanceof InvalidInputException || ex instanceof UnsupportedFeatureException) {
      return INVALID;
    }
    // Both say the stored state disagrees with the request; HTTP answers both 409.
    if (ex instanceof VersionConflictException || ex instanceof ReindexRequiredException) {
      return CONFLICT;
    }
    if (ex instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (ex instanceof BackendUnavailableException || ex instanceof EngramException) {
      return BACKEND;
    }
    return BACKEND;
  }

  /** The message, followed by the causes' messages where they add something. */
  private static String messageOf(Throwable ex) {
    StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()));
    if (ex instanceof BackendUnavailableException) {
      for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        String m = c.getMessage();
        if (m != null && !text.toString().contains(m)) {
          text.append(": ").append(m);
        }
      }
    }
    return text.toString();
  }
}
