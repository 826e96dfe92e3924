package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram's HTTP server: the LangGraph-compatible store API and Engram's own endpoints over a
 * {@link Store}, its conversations and its checkpoints, with API keys, metrics and an OpenAPI
 * description. Built on Javalin (Jetty 12),
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
 * closes it afterwards; conversations and checkpoints the server opened itself, it closes.
 */
public final class EngramServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngramServer.class);
  /** The route label of a request no endpoint matched. */
  static final String UNMATCHED = "unmatched";

  private final Javalin app;
  private final ServerConfig config;
  private final Authenticator authenticator;
  private final AccessLog accessLog;
  private final @Nullable Sweeping sweeping;
  private final List<String> routes;
  /** Stores the server opened itself and closes after stopping. */
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Object stopped = new Object();
  private boolean closed;

  private EngramServer(
      Javalin app, ServerConfig config, Authenticator authenticator, AccessLog accessLog,
      @Nullable Sweeping sweeping, List<String> routes) {
    this.app = app;
    this.config = config;
    this.authenticator = authenticator;
    this.accessLog = accessLog;
    this.sweeping = sweeping;
    this.routes = routes;
  }

  /**
   * Starts serving {@code store} as {@code config} says, with the conversations and checkpoints
   * stored at the same URI ({@code config.store()}), which the server opens and closes itself,
   * with the configuration's TTLs ({@link ServerConfig#conversationTtl()}, {@link
   * ServerConfig#threadTtl()}, {@link ServerConfig#threadRefreshOnRead()}).
   *
   * @throws InvalidInputException when the server would be open (no active API key) on an
   *     address other than loopback, or the key file is damaged
   * @throws dev.engram.BackendUnavailableException when the port cannot be bound
   */
  public static EngramServer start(ServerConfig config, Store store) {
    return start(config, store, Clock.systemUTC());
  }

  /** As {@link #start(ServerConfig, Store)}, with the conversations and threads on {@code clock}. */
  static EngramServer start(ServerConfig config, Store store, Clock clock) {
    // The server sweeps every kind itself (see Sweeping), so no store sweeps on its own.
    ConversationStore conversations = Engram.conversations(config.store())
        .defaultTtl(config.conversationTtl())
        .backgroundSweep(false)
        .clock(clock)
        .open();
    CheckpointStore checkpoints;
    try {
      checkpoints = Engram.checkpoints(config.store())
          .defaultTtl(config.threadTtl())
          .refreshOnRead(config.threadRefreshOnRead())
          .backgroundSweep(false)
          .clock(clock)
          .open();
    } catch (RuntimeException e) {
      conversations.close();
      throw e;
    }
    try {
      EngramServer server = start(config, store, conversations, checkpoints);
      server.owned.add(conversations);
      server.owned.add(checkpoints);
      return server;
    } catch (RuntimeException e) {
      checkpoints.close();
      conversations.close();
      throw e;
    }
  }

  /**
   * Starts serving the three kinds of memory as {@code config} says; {@code config.store()} is
   * only reported, and the configuration's TTLs are the stores' own business: the caller set them
   * when opening them. The caller owns the stores and closes them after the server.
   *
   * @throws InvalidInputException when the server would be open (no active API key) on an
   *     address other than loopback, or the key file is damaged
   * @throws dev.engram.BackendUnavailableException when the port cannot be bound
   */
  public static EngramServer start(ServerConfig config, Store store,
      ConversationStore conversations, CheckpointStore checkpoints) {
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
    long maxRequest = config.maxRequestBytes();
    List<String> routes = Collections.synchronizedList(new ArrayList<>());
    AccessLog accessLog = new AccessLog();

    Javalin app = Javalin.create(javalin -> {
      configure(javalin, config);
      javalin.events.handlerAdded(added -> {
        if (added.getHttpMethod().isHttpMethod()) {
          routes.add(added.getHttpMethod().name() + " " + added.getPath());
        }
      });
      javalin.requestLogger.http((ctx, millis) -> {
        String route = routeTemplate(ctx);
        accessLog.write(ctx, route, millis);
        metrics.request(ctx, route, millis);
      });
      javalin.routes.before(RequestIds::assign);
      javalin.routes.beforeMatched(guard::authorize);
      javalin.routes.exception(Exception.class, ErrorResponses::write);
      javalin.routes.error(404, ErrorResponses::unmatched);
      // One class per resource.
      new StoreRoutes(served, replies, maxRequest).register(javalin.routes, guard);
      new BatchRoutes(served, replies, maxRequest).register(javalin.routes, guard);
      new IndexRoutes(served, replies, maxRequest).register(javalin.routes);
      new ConversationRoutes(conversations, replies, maxRequest).register(javalin.routes, guard);
      new CheckpointRoutes(checkpoints, replies, maxRequest).register(javalin.routes, guard);
      new ExportRoutes(served, conversations, checkpoints).register(javalin.routes);
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
    accessLog.start();
    Sweeping sweeping = config.sweepInterval() == null ? null
        : new Sweeping(served, conversations, checkpoints, config.sweepInterval(), metrics);
    EngramServer server =
        new EngramServer(app, config, authenticator, accessLog, sweeping, routes);
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
      // Conversation and thread ids are path segments and may hold "/", sent as %2F; Jetty
      // refuses such paths by default as ambiguous. Routing matches the encoded path, so %2F
      // stays inside its segment and is decoded only as the id.
      http.setUriCompliance(UriCompliance.DEFAULT.with("engram-ids",
          UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
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
      return UNMATCHED; // no endpoint: a 404, or a request refused before routing
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

  private void closeOwned() {
    for (AutoCloseable store : owned) {
      try {
        store.close();
      } catch (Exception e) {
        log.warn("closing {} failed", store, e);
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
        accessLog.close(); // the lines of the last requests, before the stores close
        closeOwned();
        closed = true;
        stopped.notifyAll();
      }
    }
    log.info("stopped serving on {}", config.host() + ":" + config.port());
  }
}
