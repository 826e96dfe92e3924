package dev.engram.testkit;

import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.core.StoreBuilder;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the store kits share: a fresh store per test on the backend under test, driven by a {@link
 * MutableClock}, with no background sweep, so TTL behaviour is tested by moving the clock, never
 * by sleeping. A backend module subclasses the kits ({@link StoreConformanceKit}, {@link
 * QueryConformanceKit}), not this.
 */
public abstract class StoreKit extends KitSupport implements StoreFixture {
  private @Nullable Store defaultStore;

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

  @Override
  final void forgetDefaultStore() {
    defaultStore = null;
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
    return track(openStore(customize.apply(builder())));
  }

  @Override
  public final StoreBuilder builder() {
    return Engram.store(storeUri()).clock(clock()).backgroundSweep(false);
  }

  @Override
  public final boolean batchesAreAllOrNothing() {
    return transactionalBatches();
  }
}
