package dev.engram.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.core.CheckpointStoreBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every contract of the checkpoint kit gets from {@link CheckpointConformanceKit}: checkpoint
 * stores on the backend under test, all driven by one {@link MutableClock}.
 */
public interface CheckpointFixture {

  /** The store of this test, opened on first use with the test clock and default settings. */
  CheckpointStore checkpoints();

  /** A store on the same storage, opened with the test clock and the given extra settings. */
  CheckpointStore checkpoints(UnaryOperator<CheckpointStoreBuilder> customize);

  /** The URI this test's stores open. */
  String storeUri();

  /** The clock every store of this test reads; it only moves when the test moves it. */
  MutableClock clock();

  /** The current time as stores record it: truncated to whole microseconds. */
  default Instant now() {
    return clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A typed value of UTF-8 text with serde type "json". */
  static TypedValue json(String text) {
    return TypedValue.of("json", text.getBytes(StandardCharsets.UTF_8));
  }

  /** A write of UTF-8 text to a channel. */
  static Write write(String channel, String text) {
    return new Write(channel, json(text));
  }

  /** Puts a checkpoint with a given id and step metadata into a thread's namespace. */
  default CheckpointConfig putStep(CheckpointStore store, String thread, String ns, String id,
      int step) {
    return store.put(CheckpointConfig.of(thread, ns), Checkpoint.of(Map.of("step", step)).withId(id),
        Map.of("step", step, "source", step == 0 ? "input" : "loop"));
  }

  /** Puts a checkpoint with a given id in the root namespace, with the default store. */
  default CheckpointConfig putStep(String thread, String id, int step) {
    return putStep(checkpoints(), thread, "", id, step);
  }

  /** The checkpoint ids of tuples, in order. */
  default List<String> idsOf(List<CheckpointTuple> tuples) {
    return tuples.stream().map(t -> t.checkpoint().id()).toList();
  }

  /** Every checkpoint of a thread's root namespace, newest first. */
  default List<CheckpointTuple> listAll(String thread) {
    return checkpoints().list(CheckpointConfig.of(thread), CheckpointQuery.all());
  }

  /** The latest checkpoint of a thread's root namespace; fails when there is none. */
  default CheckpointTuple latest(String thread) {
    return checkpoints().getTuple(CheckpointConfig.of(thread))
        .orElseThrow(() -> new AssertionError("no checkpoint in thread " + thread));
  }

  /** Asserts that {@code call} throws {@link InvalidInputException} (or a subclass). */
  default AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOf(InvalidInputException.class);
  }
}
