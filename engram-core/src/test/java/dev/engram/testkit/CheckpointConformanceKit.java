package dev.engram.testkit;

import dev.engram.checkpoint.CheckpointStore;
import dev.engram.core.CheckpointStoreBuilder;
import dev.engram.core.Engram;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The conformance kit for checkpoints: the semantics of {@link CheckpointStore} (LangGraph's
 * checkpointer), pinned down as tests. A backend module subclasses this in its tests and says how
 * to get fresh, empty storage:
 *
 * <pre>{@code
 * class SqliteCheckpointConformanceTest extends CheckpointConformanceKit {
 *   protected String freshStoreUri(Path tempDir) {
 *     return "sqlite:" + tempDir.resolve("engram.db");
 *   }
 * }
 * }</pre>
 *
 * <p>Every test runs on its own fresh storage with a {@link MutableClock} and no background sweep,
 * so TTL behaviour is tested by moving the clock, never by sleeping.
 */
public abstract class CheckpointConformanceKit extends KitSupport
    implements CheckpointPutGetContract,
        CheckpointWritesContract,
        CheckpointListContract,
        CheckpointThreadContract,
        CheckpointTtlContract,
        CheckpointInputContract,
        CheckpointConcurrencyContract {

  private @Nullable CheckpointStore defaultStore;

  /**
   * Opens a store from a builder the kit has configured (test clock, settings of the test). The
   * default opens it directly; override to put something between the kit and the store, such as
   * an HTTP server over {@code builder.open()} and a client talking to it. The kit closes the
   * returned store after the test.
   */
  protected CheckpointStore openCheckpoints(CheckpointStoreBuilder builder) {
    return builder.open();
  }

  @Override
  final void forgetDefaultStore() {
    defaultStore = null;
  }

  @Override
  public final CheckpointStore checkpoints() {
    if (defaultStore == null) {
      defaultStore = checkpoints(UnaryOperator.identity());
    }
    return defaultStore;
  }

  @Override
  public final CheckpointStore checkpoints(UnaryOperator<CheckpointStoreBuilder> customize) {
    return track(
        openCheckpoints(
            customize.apply(Engram.checkpoints(storeUri()).clock(clock()).backgroundSweep(false))));
  }
}
