package dev.engram.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.engram.server.access}: method, route, status,
 * milliseconds, key id, request id. The route is the matched template ({@code
 * /conversations/{id}}), never the raw path of a matched request, and never a query string,
 * header or body, so no key, namespace, conversation or thread id, or content reaches the log;
 * only a request no route matched is logged with its raw path.
 *
 * <p>The request formats its line and queues it; one thread hands the queued lines to the logger,
 * a batch at a time, then lets the next ones gather for a millisecond. Handing each line over on
 * its own woke the logger's writer thread once per request, about a tenth of the CPU of a GET
 * under load (see docs/benchmarks/server.md); in batches it wakes about once a millisecond. A
 * line therefore reaches the logger (and takes its time stamp) up to a few milliseconds after its
 * request ended. No line is dropped: when the queue is full, requests wait for room, as they wait
 * for the logger's own queue; {@link #close()} logs every line queued before it.
 */
final class AccessLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("dev.engram.server.access");
  private static final int QUEUE_LINES = 8192;
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Queued by {@link #close()}: the lines before it are the last ones. */
  private static final String END = new String("end");

  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
  private final Thread writer;

  AccessLog() {
    writer = Thread.ofPlatform().name("engram-access-log").daemon().unstarted(this::handOver);
  }

  /** Starts handing lines to the logger; lines written before wait in the queue. */
  void start() {
    writer.start();
  }

  void write(Context ctx, String route, float millis) {
    if (!log.isInfoEnabled()) {
      return;
    }
    Principal principal = RequestGuard.principalOrNull(ctx);
    String line = new StringBuilder(96)
        .append(ctx.method().name()).append(' ')
        .append(EngramServer.UNMATCHED.equals(route) ? ctx.path() : route).append(' ')
        .append(ctx.statusCode()).append(' ')
        .append(Math.round(millis * 10) / 10.0).append("ms key=")
        .append(principal == null ? "-" : principal.id())
        .append(" id=").append(RequestIds.of(ctx))
        .toString();
    if (!lines.offer(line)) {
      queueWaiting(line);
    }
  }

  private void queueWaiting(String line) {
    try {
      lines.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.info(line); // never lose a line: log it from here
    }
  }

  private void handOver() {
    List<String> batch = new ArrayList<>(256);
    while (true) {
      try {
        batch.add(lines.take()); // when idle, waits for the next request's line
      } catch (InterruptedException e) {
        continue; // only close() ends this thread, once it has logged every line
      }
      lines.drainTo(batch);
      for (String line : batch) {
        if (line == END) {
          return;
        }
        try {
          log.info(line);
        } catch (RuntimeException e) {
          lost(e); // a failing appender must not stop this thread, which would fill the queue
        }
      }
      batch.clear();
      LockSupport.parkNanos(LINGER_NANOS); // under load, the next lines gather meanwhile
    }
  }

  private static void lost(RuntimeException e) {
    try {
      LoggerFactory.getLogger(AccessLog.class).warn("an access log line could not be logged", e);
    } catch (RuntimeException again) {
      // the logging system itself is failing: nowhere left to report it
    }
  }

  /**
   * Logs the lines queued so far, then stops; called once, after {@link #start()} and after the
   * server stopped taking requests.
   */
  @Override
  public void close() {
    try {
      lines.put(END);
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the daemon writer goes on logging what is queued
    }
  }
}
