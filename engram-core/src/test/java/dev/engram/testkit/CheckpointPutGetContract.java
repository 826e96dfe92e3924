package dev.engram.testkit;

import static dev.engram.testkit.CheckpointFixture.json;
import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.TypedValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** put and getTuple: ids, timestamps, parents, namespaces, state, blobs and metadata. */
public interface CheckpointPutGetContract extends CheckpointFixture {

  @Test
  default void putReturnsTheNewAddressAndGetTupleReadsItBack() {
    Checkpoint checkpoint = Checkpoint.of(object("v", 1, "channel_versions", object("a", "1")))
        .withBlob("messages", json("[\"hi\"]"));
    CheckpointConfig stored = checkpoints()
        .put(CheckpointConfig.of("t1"), checkpoint, object("source", "input", "step", -1));

    assertThat(stored.threadId()).isEqualTo("t1");
    assertThat(stored.checkpointNs()).isEmpty();
    assertThat(stored.checkpointId()).isNotNull();

    CheckpointTuple tuple = latest("t1");
    assertThat(tuple.config()).isEqualTo(stored);
    assertThat(tuple.checkpoint().id()).isEqualTo(stored.checkpointId());
    assertThat(tuple.checkpoint().ts()).isEqualTo(now());
    assertThat(tuple.checkpoint().state()).isEqualTo(checkpoint.state());
    assertThat(tuple.checkpoint().blobs()).isEqualTo(Map.of("messages", json("[\"hi\"]")));
    assertThat(tuple.metadata()).isEqualTo(object("source", "input", "step", -1));
    assertThat(tuple.parentConfig()).isNull();
    assertThat(tuple.pendingWrites()).isEmpty();
    assertThat(checkpoints().getTuple(stored)).contains(tuple);
  }

  @Test
  default void assignedIdsSortByTimeSoTheLatestIsTheLastPut() {
    String first = checkpoints().put(CheckpointConfig.of("t1"), Checkpoint.of(Map.of()), Map.of())
        .checkpointId();
    String second = checkpoints().put(CheckpointConfig.of("t1"), Checkpoint.of(Map.of()), Map.of())
        .checkpointId();
    String third = checkpoints().put(CheckpointConfig.of("t1"), Checkpoint.of(Map.of()), Map.of())
        .checkpointId();

    assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();
    assertThat(latest("t1").checkpoint().id()).isEqualTo(third);
  }

  @Test
  default void theParentIsTheCheckpointTheConfigNamed() {
    CheckpointConfig first = putStep("t1", "1", 0);
    CheckpointConfig second = checkpoints().put(first, Checkpoint.of(Map.of()).withId("2"),
        Map.of());

    CheckpointTuple tuple = checkpoints().getTuple(second).orElseThrow();
    assertThat(tuple.parentConfig()).isEqualTo(CheckpointConfig.of("t1", "", "1"));
  }

  @Test
  default void getTupleByIdReturnsThatCheckpoint() {
    putStep("t1", "1", 0);
    putStep("t1", "2", 1);
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1", "", "1")).orElseThrow()
        .metadata().get("step")).isEqualTo(0);
    assertThat(latest("t1").checkpoint().id()).isEqualTo("2");
  }

  @Test
  default void getTupleOfAnAbsentThreadOrCheckpointIsEmpty() {
    putStep("t1", "1", 0);
    assertThat(checkpoints().getTuple(CheckpointConfig.of("nobody"))).isEmpty();
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1", "", "9"))).isEmpty();
    assertThat(checkpoints().getTuple(CheckpointConfig.of("t1", "other"))).isEmpty();
  }

  @Test
  default void namespacesOfAThreadAreSeparate() {
    putStep(checkpoints(), "t1", "", "1", 0);
    putStep(checkpoints(), "t1", "child:abc", "2", 0);
    putStep(checkpoints(), "t1", "", "3", 1);

    assertThat(latest("t1").checkpoint().id()).isEqualTo("3");
    CheckpointTuple child = checkpoints().getTuple(CheckpointConfig.of("t1", "child:abc"))
        .orElseThrow();
    assertThat(child.checkpoint().id()).isEqualTo("2");
    assertThat(child.config().checkpointNs()).isEqualTo("child:abc");
  }

  @Test
  default void putWithAnExistingIdReplacesTheCheckpoint() {
    putStep("t1", "1", 0);
    checkpoints().put(CheckpointConfig.of("t1"), Checkpoint.of(Map.of("replaced", true))
        .withId("1"), Map.of("step", 5));

    assertThat(checkpoints().list(CheckpointConfig.of("t1"),
        dev.engram.checkpoint.CheckpointQuery.all())).hasSize(1);
    CheckpointTuple tuple = latest("t1");
    assertThat(tuple.checkpoint().state()).isEqualTo(Map.of("replaced", true));
    assertThat(tuple.metadata()).isEqualTo(Map.of("step", 5));
  }

  @Test
  default void givenTimestampsAreKeptAtMicrosecondPrecision() {
    Instant ts = Instant.parse("2024-02-29T12:00:00.987654321Z");
    checkpoints().put(CheckpointConfig.of("t1"),
        new Checkpoint("1", ts, Map.of(), Map.of()), Map.of());
    assertThat(latest("t1").checkpoint().ts())
        .isEqualTo(Instant.parse("2024-02-29T12:00:00.987654Z"));
  }

  @Test
  default void blobsRoundTripByteForByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    byte[] big = new byte[200_000];
    new java.util.Random(7).nextBytes(big);
    Checkpoint checkpoint = Checkpoint.of(Map.of())
        .withBlob("all", TypedValue.of("msgpack", all))
        .withBlob("empty", TypedValue.of("empty", new byte[0]))
        .withBlob("big", TypedValue.of("bytes", big))
        .withBlob("ünïcode-😀", TypedValue.of("json", new byte[] {1}));
    checkpoints().put(CheckpointConfig.of("t1"), checkpoint.withId("1"), Map.of());

    assertThat(latest("t1").checkpoint().blobs()).isEqualTo(checkpoint.blobs());
  }

  @Test
  default void stateAndMetadataComeBackCanonicalWithUnicodeIntact() {
    checkpoints().put(CheckpointConfig.of("thread-😀", "ns-é"),
        Checkpoint.of(object("d", 1.50, "n", 3L, "text", "日本 𝄞 \u0000", "list", array(1, null)))
            .withId("id-😀"),
        object("writes", object("node", object("x", 0.1))));

    CheckpointTuple tuple = checkpoints().getTuple(CheckpointConfig.of("thread-😀", "ns-é"))
        .orElseThrow();
    assertThat(tuple.checkpoint().id()).isEqualTo("id-😀");
    assertThat(tuple.checkpoint().state()).isEqualTo(object("d", new BigDecimal("1.5"), "n", 3,
        "text", "日本 𝄞 \u0000", "list", array(1, null)));
    assertThat(tuple.metadata())
        .isEqualTo(object("writes", object("node", object("x", new BigDecimal("0.1")))));
  }
}
