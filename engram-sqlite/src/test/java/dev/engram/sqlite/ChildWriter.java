package dev.engram.sqlite;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.VersionConflictException;
import dev.engram.spi.PutCommand;
import dev.engram.spi.StoreBackend;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A separate JVM writing to a store file, for the multi-process tests.
 *
 * <p>{@code burst FILE ID COUNT}: COUNT own items, COUNT bumps of one shared item and COUNT
 * optimistic increments of a shared counter; prints "done" and exits 0 when all landed.
 * {@code stream FILE}: puts k0, k1, ... forever, printing each key once its put returned.
 */
final class ChildWriter {
  static final Namespace NS = Namespace.of("multi", "process");

  private ChildWriter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    try (StoreBackend store = Backends.open(java.nio.file.Path.of(args[1]))) {
      switch (args[0]) {
        case "burst" -> burst(store, args[2], Integer.parseInt(args[3]));
        case "stream" -> {
          for (long i = 0; ; i++) {
            store.put(new PutCommand(NS, "k" + i, Backends.json("{\"i\":" + i + "}"), now(),
                null, null));
            out.println("k" + i);
            out.flush();
          }
        }
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
    out.println("done");
    out.flush();
  }

  private static void burst(StoreBackend store, String id, int count) {
    for (int i = 0; i < count; i++) {
      store.put(Backends.put(NS, id + "-" + i, "{\"i\":" + i + "}", now()));
      store.put(Backends.put(NS, "shared", "{\"by\":\"" + id + "\"}", now()));
      // Read-modify-write across processes: retried on conflict, never lost.
      while (true) {
        Item counter = store.get(NS, "counter", now(), false);
        long n = counter == null ? 0 : ((Number) counter.value().get("n")).longValue();
        long expected = counter == null ? 0 : counter.version();
        try {
          store.put(Backends.put(NS, "counter", "{\"n\":" + (n + 1) + "}", now(), null, expected));
          break;
        } catch (VersionConflictException retry) {
          Thread.onSpinWait();
        }
      }
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
