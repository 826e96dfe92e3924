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
 * {@code indexed FILE COUNT}: puts COUNT indexed items, queries (the index opens and commits), puts
 * COUNT more, queries again (the index applies them, uncommitted), prints "ready" and halts
 * without closing anything, like a killed process. {@code second FILE KEY}: puts one indexed item
 * and prints the keys a keyword query for "apple" finds, sorted, as "found: k1,k2".
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
        case "indexed" -> {
          int count = Integer.parseInt(args[2]);
          for (int round = 0; round < 2; round++) {
            for (int i = 0; i < count; i++) {
              store.put(Indexed.put(Indexed.NS, "r" + round + "-" + i, "apple " + i, now()));
            }
            store.query(Indexed.keyword(Indexed.NS, "apple", now()));
          }
          out.println("ready");
          out.flush();
          Runtime.getRuntime().halt(0);
        }
        case "second" -> {
          store.put(Indexed.put(Indexed.NS, args[2], "apple from the second process", now()));
          out.println("found: " + String.join(",",
              Indexed.keys(store.query(Indexed.keyword(Indexed.NS, "apple", now()))).stream()
                  .sorted().toList()));
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
