package dev.engram.cli;

import dev.engram.ReindexProgress;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * A one-line progress bar on standard error, redrawn in place. Drawn only when the process is
 * attached to a terminal, so logs and pipes never receive carriage-return noise.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean enabled;
  private boolean drawn;

  ProgressBar(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** A bar on {@code err} when this process runs in a terminal, else one that draws nothing. */
  static ProgressBar onTerminal(PrintStream err) {
    return new ProgressBar(err, attachedToTerminal());
  }

  void update(String label, long done, long total) {
    if (!enabled) {
      return;
    }
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
    long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
    err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + percent + "% " + done + "/" + total + "   ");
    err.flush();
    drawn = true;
  }

  /** Reports a store's reindexing on this bar. */
  ReindexProgress reporting(String label) {
    return (done, total) -> update(label, done, total);
  }

  /** Ends the bar's line so later messages start on a fresh one. */
  void finish() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }

  /**
   * Whether the process is attached to a terminal. From JDK 22 {@code System.console()} exists even
   * when the streams are redirected and {@code Console.isTerminal()} tells; this build targets 21,
   * so that method is looked up when present.
   */
  private static boolean attachedToTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
