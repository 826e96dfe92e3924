package dev.engram.testkit;

import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.core.StoreBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store kits share: a fresh store per test on the backend under test, driven by a {@link
 * MutableClock}, with no background sweep, so TTL behaviour is tested by moving the clock, never
 * by sleeping. A backend module subclasses the kits ({@link StoreConformanceKit}, {@link
 * QueryConformanceKit}), not this.
 */
public abstract class StoreKit implements StoreFixture {


  /** Has nanoseconds, so every test also checks that stored times are cut to microseconds. */
  static final Instant START = Instant.parse("2031-05-17T09:30:00.123456789Z");

  private final MutableClock clock = new MutableClock(START);
  private final List<Store> opened = new ArrayList<>();
  private @Nullable Path tempDir;
  private @Nullable String uri;
  private @Nullable Store defaultStore;

  /**
   * A URI for a fresh, empty store; called at most once per test.
   *
   * @param tempDir a directory created for this test alone and deleted after it
   */
  protected abstract String freshStoreUri(Path tempDir) throws Exception;

  /**
   * Opens a store from a builder the kit has configured (test clock, settings of the test). The
   * default opens it directly; override to put something between the kit and the store, such as
   * an HTTP server over {@code builder.open()} and a client talking to it. The kit closes the
   * returned store after the test.
   */
  protected Store openStore(StoreBuilder builder) {
    return builder.open();
  }

  /** Whether {@code batch()} is all-or-nothing on this backend; true unless overridden. */
  protected boolean transactionalBatches() {
    return true;
  }

  @BeforeEach
  final void prepareFreshStore(@TempDir Path dir) {
    tempDir = dir;
    uri = null;
    defaultStore = null;
    clock.set(START);
  }

  @AfterEach
  final void closeStores() {
    RuntimeException failure = null;
    for (Store store : opened) {
      try {
        store.close();
      } catch (RuntimeException e) {
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

  @Override
  public final Store store() {
    if (defaultStore == null) {
      defaultStore = store(UnaryOperator.identity());
    }
    return defaultStore;
  }

  @Override
  public final Store store(UnaryOperator<StoreBuilder> customize) {
    Store store = openStore(customize.apply(builder()));
    opened.add(store);
    return store;
  }

  @Override
  public final StoreBuilder builder() {
    return Engram.store(uri()).clock(clock).backgroundSweep(false);
  }

  @Override
  public final MutableClock clock() {
    return clock;
  }

  @Override
  public final boolean batchesAreAllOrNothing() {
    return transactionalBatches();
  }

  @Override
  public final String storeUri() {
    return uri();
  }

  private String uri() {
    if (uri == null) {
      try {
        uri = freshStoreUri(tempDir);
      } catch (Exception e) {
        throw new IllegalStateException("could not prepare a fresh store", e);
      }
    }
    return uri;
  }
}
