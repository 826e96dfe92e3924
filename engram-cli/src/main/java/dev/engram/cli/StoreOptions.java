package dev.engram.cli;

import dev.engram.Store;
import dev.engram.core.Engram;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --store URI} option every data command takes, and how the store is opened. */
final class StoreOptions {
  static final String ENV_VAR = "ENGRAM_STORE";
  static final String DEFAULT_URI = Engram.DEFAULT_STORE_URI;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description =
          "Store URI, e.g. sqlite:PATH or memory: (default: $ENGRAM_STORE, else "
              + DEFAULT_URI
              + ").")
  @Nullable String uri;

  /** The URI to open: the option, else the environment variable, else the default. */
  String resolve(Map<String, String> env) {
    if (uri != null) {
      return uri;
    }
    String fromEnv = env.get(ENV_VAR);
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_URI : fromEnv;
  }

  /** Opens the store for one command: no background sweeper, the caller closes it. */
  Store open(Map<String, String> env) {
    return Engram.store(resolve(env)).backgroundSweep(false).open();
  }
}
