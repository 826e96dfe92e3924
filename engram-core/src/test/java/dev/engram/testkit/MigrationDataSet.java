package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Item;
import dev.engram.PutOptions;
import dev.engram.Store;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointQuery;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.SpecialChannels;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.conversation.Conversation;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.conversation.SaveOptions;
import dev.engram.conversation.ToolCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A data set with all three kinds of memory, for migration tests between any two backends: {@link
 * #seed} writes it, {@link #verifyCopy} checks a target against the source by counts and spot
 * checks (tool calls, blobs, special writes, TTLs, Unicode).
 */
public final class MigrationDataSet {
  public static final int ITEMS = 30;
  /** conv-1 to conv-11, plus the tool-call conversation. */
  public static final int CONVERSATIONS = 12;
  /** 1 + 2 + ... + 11 messages, plus the tool-call conversation's 3. */
  public static final int MESSAGES = 66 + 3;
  public static final int THREADS = 5;
  /** Per thread: 3 checkpoints in the root namespace and 1 in a subgraph namespace. */
  public static final int CHECKPOINTS = THREADS * 4;
  /** Per thread: 2 normal writes and 1 special-channel write. */
  public static final int WRITES = THREADS * 3;

  private MigrationDataSet() {}

  /** Writes the data set into empty stores. */
  public static void seed(Store store, ConversationStore conversations, CheckpointStore checkpoints) {
    for (int i = 0; i < ITEMS; i++) {
      String user = i % 3 == 0 ? "alice" : i % 3 == 1 ? "bob" : "chloé";
      PutOptions options = i == 7 ? PutOptions.builder().ttl(Duration.ofHours(2)).build()
          : PutOptions.defaults();
      store.put(ns("users", user), "k" + i, object("i", i, "text", "日本 😀 " + i, "d", 1.25),
          options);
    }
    for (int c = 1; c < CONVERSATIONS; c++) {
      List<Message> messages = new ArrayList<>();
      for (int m = 0; m < c; m++) {
        messages.add(Message.builder(m % 2 == 0 ? Role.USER : Role.ASSISTANT, "msg " + m + " ✓")
            .id("c" + c + "-m" + m).build());
      }
      SaveOptions options = c == 5
          ? SaveOptions.builder().ttl(Duration.ofHours(3)).metadata(object("user", "bob")).build()
          : SaveOptions.builder().metadata(object("n", c)).build();
      conversations.save("conv-" + c, messages, options);
    }
    conversations.append("conv-tools", List.of(
        Message.builder(Role.USER, "weather?").id("u").build(),
        Message.builder(Role.ASSISTANT, "").id("a")
            .toolCall(new ToolCall("call_1", "weather", object("city", "Zürich", "days", 3)))
            .build(),
        Message.builder(Role.TOOL, "{\"t\": 21}").id("t").toolCallId("call_1")
            .timestamp(Instant.parse("2030-01-01T00:00:00.000001Z")).build()));
    for (int t = 0; t < THREADS; t++) {
      String thread = "thread-" + t;
      CheckpointConfig parent = CheckpointConfig.of(thread);
      for (int step = 0; step < 3; step++) {
        parent = checkpoints.put(parent,
            Checkpoint.of(object("step", step)).withId(thread + "-cp" + step)
                .withBlob("messages", TypedValue.of("msgpack", bytes(thread + step))),
            object("step", step, "source", "loop"));
      }
      checkpoints.putWrites(parent, List.of(new Write("a", TypedValue.of("json", bytes("1"))),
          new Write("b", TypedValue.of("json", bytes("2")))), "task-1", "~path");
      checkpoints.putWrites(parent, List.of(new Write(SpecialChannels.INTERRUPT,
          TypedValue.of("msgpack", new byte[] {0, (byte) 255}))), "task-2", "");
      checkpoints.put(CheckpointConfig.of(thread, "child:1"),
          Checkpoint.of(object("sub", true)).withId(thread + "-sub"), object("step", 0));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Checks that the target holds an exact copy of what {@link #seed} wrote into the source. */
  public static void verifyCopy(
      Store source, ConversationStore sourceConversations, CheckpointStore sourceCheckpoints,
      Store target, ConversationStore targetConversations, CheckpointStore targetCheckpoints) {
    assertThat(TestSearch.all(target)).hasSize(ITEMS);
    Item item = target.get(ns("users", "chloé"), "k5", false).orElseThrow();
    assertThat(item.value()).isEqualTo(source.get(ns("users", "chloé"), "k5", false)
        .orElseThrow().value());
    Item withTtl = target.get(ns("users", "bob"), "k7", false).orElseThrow();
    assertThat(withTtl.expiresAt()).isNotNull();
    assertThat(Duration.between(Instant.now(), withTtl.expiresAt()))
        .isBetween(Duration.ofMinutes(100), Duration.ofHours(2));

    assertThat(targetConversations.stats().conversations()).isEqualTo(CONVERSATIONS);
    assertThat(targetConversations.stats().messages()).isEqualTo(MESSAGES);
    for (String id : List.of("conv-1", "conv-5", "conv-11", "conv-tools")) {
      Conversation expected = sourceConversations.load(id).orElseThrow();
      Conversation actual = targetConversations.load(id).orElseThrow();
      assertThat(actual.messages()).isEqualTo(expected.messages());
      assertThat(actual.metadata()).isEqualTo(expected.metadata());
      assertThat(actual.ttl()).isEqualTo(expected.ttl());
    }

    assertThat(targetCheckpoints.stats().threads()).isEqualTo(THREADS);
    assertThat(targetCheckpoints.stats().checkpoints()).isEqualTo(CHECKPOINTS);
    assertThat(targetCheckpoints.stats().writes()).isEqualTo(WRITES);
    for (String thread : List.of("thread-0", "thread-4")) {
      List<CheckpointTuple> expected = sourceCheckpoints.list(CheckpointConfig.of(thread),
          CheckpointQuery.builder().allNamespaces(true).build());
      List<CheckpointTuple> actual = targetCheckpoints.list(CheckpointConfig.of(thread),
          CheckpointQuery.builder().allNamespaces(true).build());
      assertThat(actual).isEqualTo(expected);
    }
  }
}
