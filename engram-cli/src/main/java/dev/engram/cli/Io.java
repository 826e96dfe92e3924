package dev.engram.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The streams and environment one run of the CLI works with.
 *
 * @param in standard input
 * @param out results only: one compact JSON value per line
 * @param err messages, each starting with {@code "engram: "}
 * @param env environment variables
 */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {

  /** Prints a message to standard error with the {@code engram: } prefix. */
  void error(String message) {
    err.println("engram: " + message);
    err.flush();
  }
}
