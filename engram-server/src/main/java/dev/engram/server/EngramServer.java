package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.Store;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram's HTTP server: the LangGraph-compatible store API and Engram's own endpoints over a
 * {@link Store}, with API keys, metrics and an OpenAPI description. Built on Javalin (Jetty 12),
 * each request on a virtual thread.
 *
 * <pre>{@code
 * try (Store store = Engram.store(config.store()).backgroundSweep(false).open();
 *      EngramServer server = EngramServer.start(config, store)) {
 *   server.awaitStop();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops gracefully: the server stops accepting connections, lets the requests
 * in flight finish (up to the shutdown timeout), then returns. The caller owns the store and
 * closes it afterwards.
 */
public final class EngramServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngramServer.class);

  private final Javalin app;
  private final ServerConfig config;
  private final Authenticator authenticator;
  private final @Nullable Sweeping sweeping;
  private final List<String> routes;
  private final Object stopped = new Object();
  private boolean closed;

  private EngramServer(
      Javalin app, ServerConfig config, Authenticator authenticator,
      @Nullable Sweeping sweeping, List<String> routes) {
    this.app = app;
    this.config = config;
    this.authenticator = authenticator;
    this.sweeping = sweeping;
    this.routes = routes;
  }

  /**
   * Starts serving {@code store} as {@code config} says.
   *
   * @throws InvalidInputException when the server would be open (no active API key) on an
   *     address other than loopback, or the key file is damaged
   * @throws dev.engram.BackendUnavailableException when the port cannot be bound
   */
  public static EngramServer start(ServerConfig config, Store store) {
    boolean loopback = isLoopback(config.host());
    Authenticator authenticator = new Authenticator(ApiKeyFile.at(config.keysFile()), loopback);
    if (!loopback && authenticator.activeKeys() == 0) {
      throw new InvalidInputException("refusing to serve " + config.host() + " without API keys:"
          + " anyone who can reach it could read and change every item. Create a key with"
          + " 'engram keys create --scope write' (keys file " + config.keysFile() + "), or bind"
          + " to 127.0.0.1");
    }
    ServerMetrics metrics = new ServerMetrics();
    Store served = new MeteredStore(store, metrics);
    Replies replies = new Replies(config.maxResponseBytes());
    RequestGuard guard = new RequestGuard(authenticator, config.requestTimeout());
    List<String> routes = Collections.synchronizedList(new ArrayList<>());

    Javalin app = Javalin.create(javalin -> {
      configure(javalin, config);
      javalin.events.handlerAdded(added -> {
        if (added.getHttpMethod().isHttpMethod()) {
          routes.add(added.getHttpMethod().name() + " " + added.getPath());
        }
      });
      javalin.requestLogger.http((ctx, millis) -> {
        AccessLog.write(ctx, millis);
        metrics.request(ctx, routeTemplate(ctx), millis);
      });
      javalin.routes.before(RequestIds::assign);
      javalin.routes.beforeMatched(guard::authorize);
      javalin.routes.exception(Exception.class, ErrorResponses::write);
      javalin.routes.error(404, ErrorResponses::unmatched);
      // One class per resource; conversations and checkpoints will register theirs here.
      new StoreRoutes(served, replies, config.maxRequestBytes()).register(javalin.routes, guard);
      new BatchRoutes(served, replies, config.maxRequestBytes()).register(javalin.routes, guard);
      new ExportRoutes(served).register(javalin.routes);
      new OpsRoutes(served, replies, metrics).register(javalin.routes);
      new DocsRoutes().register(javalin.routes);
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new dev.engram.BackendUnavailableException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    Sweeping sweeping =
        config.sweepInterval() == null ? null : new Sweeping(served, config.sweepInterval(), metrics);
    EngramServer server = new EngramServer(app, config, authenticator, sweeping, routes);
    log.info("serving {} on {} ({})", store, server.uri(),
        server.keysRequired() ? "API keys required" : "open: no API keys, loopback only");
    return server;
  }

  private static void configure(JavalinConfig javalin, ServerConfig config) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    // Jetty's own virtual-thread mode: selectors and acceptors on a few platform threads, every
    // request handled on a virtual thread of its own (rather than everything virtual).
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("engram-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    javalin.jetty.threadPool = threads;
    javalin.concurrency.useVirtualThreads = true;
    javalin.http.maxRequestSize = config.maxRequestBytes();
    javalin.http.asyncTimeout = config.requestTimeout().toMillis();
    javalin.jetty.addConnector((jetty, http) -> {
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      // At shutdown, keep-alive connections with no request in flight close after this long.
      connector.setShutdownIdleTimeout(Math.min(1000, config.shutdownTimeout().toMillis() / 2));
      return connector;
    });
    javalin.jetty.modifyServer(jetty -> {
      // On stop: close the connectors, then wait for requests in flight, up to the timeout.
      jetty.setHandler(new GracefulHandler());
      jetty.setStopTimeout(config.shutdownTimeout().toMillis());
    });
  }

  private static String routeTemplate(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "unmatched"; // no endpoint: a 404, or a request refused before routing
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidInputException("host \"" + host + "\" cannot be resolved", e);
    }
  }

  /** The base URI clients call, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** The port listened on (the one picked when the configuration said 0). */
  public int port() {
    return app.port();
  }

  /** Whether requests need an API key: always, except on loopback without active keys. */
  public boolean keysRequired() {
    return authenticator.keysRequired();
  }

  /** How many keys are active now. */
  public int activeKeys() {
    return authenticator.activeKeys();
  }

  /** The routes served, as {@code "GET /store/items"}; for the OpenAPI check. */
  List<String> routes() {
    return List.copyOf(routes);
  }

  /** Blocks until {@link #close()} has run (from a shutdown hook, say). */
  public void awaitStop() throws InterruptedException {
    synchronized (stopped) {
      while (!closed) {
        stopped.wait();
      }
    }
  }

  /** Stops accepting, finishes the requests in flight (up to the shutdown timeout), stops. */
  @Override
  public void close() {
    synchronized (stopped) {
      if (closed) {
        return;
      }
      try {
        if (sweeping != null) {
          sweeping.close();
        }
        app.stop();
      } finally {
        closed = true;
        stopped.notifyAll();
      }
    }
    log.info("stopped serving on {}", config.host() + ":" + config.port());
  }
}
