package dev.engram.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus metrics: requests per route template and status with latency
 * histograms, store operations by kind and outcome (see {@link MeteredStore}), and sweeper
 * activity. Routes are labelled by template, never by raw path, so the series stay few.
 */
final class ServerMetrics {
  /** The outcome of a store operation that succeeded. */
  private static final String OK = "ok";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  // Meters are looked up once per label set, not built per request: this runs on every request.
  // The keys are built without formatting anything, and a successful store operation (nearly
  // every one) is found by its name alone.
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> succeeded = new ConcurrentHashMap<>();
  private final Map<List<String>, Counter> operations = new ConcurrentHashMap<>();

  private record RequestKey(String method, String route, int status) {}

  void request(Context ctx, String route, float millis) {
    RequestKey key = new RequestKey(ctx.method().name(), route, ctx.statusCode());
    Timer timer = requests.get(key);
    if (timer == null) {
      timer = requests.computeIfAbsent(key, k -> Timer.builder("engram.http.requests")
          .description("HTTP requests by route template, method and status")
          .tag("method", k.method())
          .tag("route", k.route())
          .tag("status", String.valueOf(k.status()))
          .publishPercentileHistogram()
          .register(registry));
    }
    timer.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  void storeOperation(String operation, String outcome) {
    Counter counter;
    if (OK.equals(outcome)) {
      counter = succeeded.get(operation);
      if (counter == null) {
        counter = succeeded.computeIfAbsent(operation, o -> operationCounter(o, OK));
      }
    } else {
      counter = operations.computeIfAbsent(List.of(operation, outcome),
          l -> operationCounter(l.get(0), l.get(1)));
    }
    counter.increment();
  }

  private Counter operationCounter(String operation, String outcome) {
    return Counter.builder("engram.store.operations")
        .description("Store operations by kind and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** A sweep round of one kind: {@code items}, {@code conversations} or {@code threads}. */
  void sweep(String kind, long removed, boolean failed) {
    Counter.builder("engram.sweeps").description("Sweeps of expired data, by kind")
        .tag("kind", kind).tag("outcome", failed ? "error" : "ok").register(registry).increment();
    Counter.builder("engram.sweep.removed").description("Expired entries removed by sweeps")
        .tag("kind", kind).register(registry).increment(removed);
  }

  /** The Prometheus text exposition of every metric. */
  String scrape() {
    return registry.scrape();
  }
}
