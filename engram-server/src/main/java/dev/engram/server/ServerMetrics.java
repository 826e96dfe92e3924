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
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  // Meters are looked up once per label set, not built per request: this runs on every request.
  private final Map<List<String>, Timer> requests = new ConcurrentHashMap<>();
  private final Map<List<String>, Counter> operations = new ConcurrentHashMap<>();

  void request(Context ctx, String route, float millis) {
    List<String> labels = List.of(ctx.method().name(), route, String.valueOf(ctx.statusCode()));
    requests.computeIfAbsent(labels, l -> Timer.builder("engram.http.requests")
            .description("HTTP requests by route template, method and status")
            .tag("method", l.get(0))
            .tag("route", l.get(1))
            .tag("status", l.get(2))
            .publishPercentileHistogram()
            .register(registry))
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  void storeOperation(String operation, String outcome) {
    operations.computeIfAbsent(List.of(operation, outcome), l -> Counter.builder(
            "engram.store.operations")
            .description("Store operations by kind and outcome")
            .tag("operation", l.get(0))
            .tag("outcome", l.get(1))
            .register(registry))
        .increment();
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
