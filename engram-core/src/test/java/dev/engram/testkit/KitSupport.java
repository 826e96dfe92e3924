package dev.engram.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle every kit shares (store, query, conversation and checkpoint kits): a temporary
 * directory and a fresh backend URI per test, one {@link MutableClock} reset before each test, and
 * every store a test opened closed after it.
 */
abstract class KitSupport {
  /** Has nanoseconds, so every test also checks that stored times are cut to microseconds. */
  static final Instant START = Instant.parse("2031-05-17T09:30:00.123456789Z");

  private final MutableClock clock = new MutableClock(START);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private @Nullable Path tempDir;
  private @Nullable String uri;

  /**
   * A URI for fresh, empty storage; called at most once per test.
   *
   * @param tempDir a directory created for this test alone and deleted after it
   */
  protected abstract String freshStoreUri(Path tempDir) throws Exception;

  @BeforeEach
  final void prepareFreshStorage(@TempDir Path dir) {
    tempDir = dir;
    uri = null;
    clock.set(START);
    forgetDefaultStore();
  }

  /** Drops the test's default store so the next test opens its own. */
  abstract void forgetDefaultStore();

  @AfterEach
  final void closeOpenedStores() throws Exception {
    Exception failure = null;
    for (AutoCloseable store : opened) {
      try {
        store.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    opened.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Registers a store to be closed after the test. */
  final <S extends AutoCloseable> S track(S store) {
    opened.add(store);
    return store;
  }

  public final MutableClock clock() {
    return clock;
  }

  public final String storeUri() {
    if (uri == null) {
      try {
        uri = freshStoreUri(tempDir);
      } catch (Exception e) {
        throw new IllegalStateException("could not prepare fresh storage", e);
      }
    }
    return uri;
  }
}
