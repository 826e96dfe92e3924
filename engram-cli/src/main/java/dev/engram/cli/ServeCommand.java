package dev.engram.cli;

import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.server.EngramServer;
import dev.engram.server.ServerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code engram serve}: the HTTP server over a store until SIGTERM or SIGINT, then a graceful
 * stop. Where it listens and how to call it go to standard output (serve prints no data, so
 * nothing else competes for it); the access log goes to standard error.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the store over HTTP: LangGraph's store API, Engram's own endpoints, /docs.",
      "Settings: flags, then $ENGRAM_<SETTING> (ENGRAM_STORE, ENGRAM_HOST, ENGRAM_PORT, ...),"
          + " then the --config file (Java properties), then defaults. Stops gracefully on"
          + " SIGTERM or Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand EngramCli cli;

  @Option(names = "--store", paramLabel = "URI",
      description = "Store URI (default: $ENGRAM_STORE, else " + StoreOptions.DEFAULT_URI + ").")
  @Nullable String store;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1; any other needs API keys).")
  @Nullable String host;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 8080).")
  @Nullable String port;

  @Option(names = "--keys-file", paramLabel = "FILE",
      description = "API key file (default ./engram-data/api-keys.json).")
  @Nullable String keysFile;

  @Option(names = "--conversation-ttl", paramLabel = "DURATION",
      description = "TTL of conversations saved or created without one, e.g. 24h, or off"
          + " (default off: kept until deleted).")
  @Nullable String conversationTtl;

  @Option(names = "--thread-ttl", paramLabel = "DURATION",
      description = "How long a checkpoint thread lives after its last write, e.g. 60m, or off"
          + " (default off: kept until deleted).")
  @Nullable String threadTtl;

  @Option(names = "--thread-refresh-on-read", paramLabel = "true|false",
      description = "Whether reading a thread's checkpoints restarts its TTL (default true).")
  @Nullable String threadRefreshOnRead;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with further settings (see docs/http-api.md).")
  @Nullable String config;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, "store", store);
    put(flags, "host", host);
    put(flags, "port", port);
    put(flags, "keys-file", keysFile);
    put(flags, "conversation-ttl", conversationTtl);
    put(flags, "thread-ttl", threadTtl);
    put(flags, "thread-refresh-on-read", threadRefreshOnRead);
    put(flags, ServerConfig.CONFIG_FLAG, config);
    Io io = cli.io();
    ServerConfig settings = ServerConfig.load(flags, io.env());
    // The server sweeps expired items itself, so that its metrics count the sweeps.
    Store opened = Engram.store(settings.store()).backgroundSweep(false).open();
    EngramServer server;
    try {
      server = EngramServer.start(settings, opened);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } finally {
        opened.close();
      }
    }, "engram-shutdown"));
    announce(io, settings, server);
    server.awaitStop();
    return ExitCodes.OK;
  }

  private static void announce(Io io, ServerConfig settings, EngramServer server) {
    String base = server.uri().toString();
    var out = io.out();
    out.println("engram: serving " + settings.store() + " on " + base);
    out.println(server.keysRequired()
        ? "engram: API keys required (" + server.activeKeys() + " active in "
            + settings.keysFile() + "); send one as x-api-key"
        : "engram: open without API keys because it listens on loopback only;"
            + " create keys with 'engram keys create'");
    out.println("engram: try  curl -X PUT " + base + "/store/items -H 'content-type:"
        + " application/json' -d '{\"namespace\":[\"users\",\"alice\"],\"key\":\"prefs\","
        + "\"value\":{\"lang\":\"en\"}}'");
    out.println("engram:      curl '" + base + "/store/items?namespace=users.alice&key=prefs'");
    out.println("engram: API docs at " + base + "/docs; stop with Ctrl-C");
    out.flush();
  }

  private static void put(Map<String, String> flags, String name, @Nullable String value) {
    if (value != null) {
      flags.put(name, value);
    }
  }
}
