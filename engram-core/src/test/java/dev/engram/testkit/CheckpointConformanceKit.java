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
        customize
            .apply(Engram.checkpoints(storeUri()).clock(clock()).backgroundSweep(false))
            .open());
  }
}
