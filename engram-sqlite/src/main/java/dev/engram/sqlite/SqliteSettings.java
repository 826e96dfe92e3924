package dev.engram.sqlite;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendUri;
import dev.engram.spi.SearchIndexSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@code sqlite:PATH?params} URI asks for, checked at once so a typo fails on open rather
 * than behaving differently later.
 *
 * @param file the database file, absolute and normalized
 * @param busyTimeoutMs how long a statement waits for a lock another connection holds
 * @param synchronousFull whether commits also fsync the WAL (survive power loss, not just a crash)
 * @param readers how many connections serve reads concurrently
 * @param search how the search index beside the file builds and searches its graphs
 */
record SqliteSettings(
    Path file, int busyTimeoutMs, boolean synchronousFull, int readers,
    SearchIndexSettings search) {
  static final int DEFAULT_BUSY_TIMEOUT_MS = 5000;
  static final int DEFAULT_READERS = 4;
  private static final Set<String> PARAMS = params();

  private static Set<String> params() {
    Set<String> params = new HashSet<>(Set.of("busyTimeoutMs", "synchronous", "readers"));
    params.addAll(SearchIndexSettings.PARAMS);
    return Set.copyOf(params);
  }

  static SqliteSettings from(BackendUri uri) {
    uri.requireOnlyParams(PARAMS);
    String target = uri.target();
    if (target.isBlank()) {
      throw new InvalidInputException(
          "store URI " + uri.redacted() + " names no file; use sqlite:PATH, e.g. "
              + "sqlite:./engram-data/engram.db");
    }
    if (target.equals(":memory:") || target.startsWith("file:")) {
      throw new InvalidInputException(
          "store URI " + uri.redacted() + " must name a plain file path (use memory: for an "
              + "in-process store)");
    }
    Path file;
    try {
      file = Path.of(target).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidInputException(
          "store URI " + uri.redacted() + " has an invalid file path: " + e.getMessage(), e);
    }
    int busyTimeoutMs = uri.intParam("busyTimeoutMs", DEFAULT_BUSY_TIMEOUT_MS);
    int readers = uri.intParam("readers", DEFAULT_READERS);
    if (readers > 64) {
      throw new InvalidInputException(
          "store URI parameter readers must be at most 64, was " + readers);
    }
    String synchronous = uri.params().getOrDefault("synchronous", "normal");
    boolean full =
        switch (synchronous.toLowerCase(Locale.ROOT)) {
          case "normal" -> false;
          case "full" -> true;
          default ->
              throw new InvalidInputException(
                  "store URI parameter synchronous must be normal or full, was \""
                      + synchronous + "\"");
        };
    return new SqliteSettings(file, busyTimeoutMs, full, readers, SearchIndexSettings.from(uri));
  }

  /** The folder of the search index, beside the file: {@code engram.db.index}. */
  Path indexFolder() {
    return file.resolveSibling(file.getFileName() + ".index");
  }

  /** The store's name in messages and logs. */
  String storeName() {
    return "sqlite:" + file;
  }
}
