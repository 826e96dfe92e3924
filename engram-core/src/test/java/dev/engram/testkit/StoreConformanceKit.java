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
 * The conformance kit every backend runs: the semantics of {@link Store}, pinned down as tests. A
 * backend module subclasses this in its tests and says how to get a fresh, empty store:
 *
 * <pre>{@code
 * class SqliteStoreConformanceTest extends StoreConformanceKit {
 *   protected String freshStoreUri(Path tempDir) {
 *     return "sqlite:" + tempDir.resolve("engram.db");
 *   }
 * }
 * }</pre>
 *
 * <p>Every test runs on its own fresh store with a {@link MutableClock} and no background sweep, so
 * TTL behaviour is tested by moving the clock, never by sleeping.
 */
public abstract class StoreConformanceKit
    implements NamespaceAndKeyContract,
        CrudContract,
        ConditionalPutContract,
        ValueContract,
        ValueSizeContract,
        TtlContract,
        SweepContract,
        SearchContract,
        FilterContract,
        FilterOrderingContract,
        FilterValidationContract,
        ListNamespacesContract,
        BatchContract,
        ConcurrencyContract,
        SettingsContract {

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
