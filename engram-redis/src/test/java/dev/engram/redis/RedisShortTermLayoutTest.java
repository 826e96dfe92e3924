package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.checkpoint.PruneStrategy;
import dev.engram.checkpoint.TypedValue;
import dev.engram.checkpoint.Write;
import dev.engram.conversation.ConversationQuery;
import dev.engram.conversation.ConversationStore;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.core.Engram;
import dev.engram.spi.BackendUri;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the kits cannot see: the Redis keys of conversations and threads (one hash tag each), their
 * native expiry, and the lazy clean-up of registry entries whose data Redis expired by itself
 * (simulated by deleting the keys behind the store's back). Real clock, shared server.
 */
class RedisShortTermLayoutTest {
  private static @Nullable RawRedis raw;
  private String prefix;

  @BeforeAll
  static void requireServer() {
    RedisTests.requireSharedServer();
    raw = RawRedis.server(RedisTests.PORT);
  }

  @AfterAll
  static void closeRaw() {
    if (raw != null) {
      raw.close();
    }
  }

  @BeforeEach
  void freshPrefix() {
    prefix = RedisTests.uniquePrefix("layout");
  }

  @AfterEach
  void deleteKeys() {
    raw.deletePrefix(prefix);
  }

  @Test
  void conversationKeysShareOneTagAndExpireNatively() {
    try (ConversationStore chats = Engram.conversations(RedisTests.sharedUri(prefix))
        .defaultTtl(Duration.ofHours(1)).backgroundSweep(false).open()) {
      chats.append("chat{1}", List.of(message("m1"), message("m2")));
      chats.append("chat{1}", message("m2")); // a retry: skipped

      String tag = "{" + prefix + ":c:chat%7B1%7D}";
      assertThat(raw.keysOf(prefix))
          .containsExactlyInAnyOrder(tag + ":h", tag + ":l", tag + ":d",
              "{" + prefix + "}:conversations");
      assertThat(raw.sync().llen(tag + ":l")).isEqualTo(2);
      for (String key : List.of(tag + ":h", tag + ":l", tag + ":d")) {
        assertThat(raw.sync().pttl(key)).as(key).isBetween(1L, Duration.ofHours(1).toMillis());
      }
      chats.setTtl("chat{1}", null);
      assertThat(raw.sync().pttl(tag + ":l")).isEqualTo(-1);
    }
  }

  @Test
  void conversationsGoneFromRedisAreDroppedFromTheRegistry() {
    try (ConversationStore chats =
        Engram.conversations(RedisTests.sharedUri(prefix)).backgroundSweep(false).open()) {
      chats.append("a", message("m1"));
      chats.append("b", message("m1"));
      // As if Redis had expired "a" natively.
      raw.sync().del("{" + prefix + ":c:a}:h", "{" + prefix + ":c:a}:l", "{" + prefix + ":c:a}:d");

      assertThat(chats.list(ConversationQuery.firstPage()).conversations())
          .extracting(c -> c.id()).containsExactly("b");
      assertThat(raw.sync().zrange("{" + prefix + "}:conversations", 0, -1)).containsExactly("b");
      assertThat(chats.stats().conversations()).isEqualTo(1);
    }
  }

  /**
   * The race the registry's re-check exists for, made deterministic: a lister (or deleter) saw the
   * header absent, then a writer created the conversation and registered it, then the lister's
   * removal arrives. The id must stay registered.
   */
  @Test
  void aRemovalThatRacedWithACreateKeepsTheIdRegistered() {
    RedisSettings settings = RedisSettings.from(BackendUri.parse(RedisTests.sharedUri(prefix)));
    Keys keys = new Keys(prefix);
    try (ConversationStore chats =
            Engram.conversations(RedisTests.sharedUri(prefix)).backgroundSweep(false).open();
        RedisLink link = RedisLink.open(settings)) {
      chats.append("late", message("m1")); // the writer: script, then registration
      new IdRegistry(link, keys.conversations(), id -> keys.conversation(id).header(),
          "conversation").forget("late"); // the stale removal
      assertThat(raw.sync().zrange(keys.conversations(), 0, -1)).containsExactly("late");
      assertThat(chats.list(ConversationQuery.firstPage()).conversations()).hasSize(1);
    }
  }

  /**
   * The same race under load: writers that create, deleters and listers that remove ids run at
   * once, and afterwards every conversation that exists must still be registered. (A smoke test:
   * the window is narrow, the deterministic test above is the one that pins the re-check.)
   */
  @Test
  void racingCreatesDeletesAndListingsNeverHideAConversation() throws Exception {
    try (ConversationStore chats =
        Engram.conversations(RedisTests.sharedUri(prefix)).backgroundSweep(false).open()) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int seed = t;
          work.add(pool.submit(() -> {
            for (int i = 0; i < 150; i++) {
              String id = "c" + ((i + seed) % 5);
              if ((i + seed) % 3 == 0) {
                chats.delete(id);
              } else {
                chats.append(id, message("m" + i));
              }
            }
          }));
        }
        for (int t = 0; t < 2; t++) {
          work.add(pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
              chats.list(ConversationQuery.firstPage());
              chats.stats();
            }
          }));
        }
        for (Future<?> f : work) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> existing = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        if (raw.sync().exists("{" + prefix + ":c:c" + i + "}:h") > 0) {
          existing.add("c" + i);
        }
      }
      assertThat(raw.sync().zrange("{" + prefix + "}:conversations", 0, -1))
          .containsAll(existing);
      assertThat(chats.list(ConversationQuery.firstPage()).conversations())
          .extracting(c -> c.id()).containsExactlyElementsOf(existing);
    }
  }

  @Test
  void threadKeysShareOneTagExpireTogetherAndGoWithTheThread() {
    try (CheckpointStore saver = Engram.checkpoints(RedisTests.sharedUri(prefix))
        .defaultTtl(Duration.ofMinutes(60)).backgroundSweep(false).open()) {
      CheckpointConfig first = saver.put(CheckpointConfig.of("t-1"),
          Checkpoint.of(Map.of("v", 1)).withBlob("b", TypedValue.of("bytes", new byte[] {0, -1})),
          Map.of());
      saver.put(CheckpointConfig.of("t-1", "sub"), Checkpoint.of(Map.of("v", 2)), Map.of());
      saver.putWrites(first,
          List.of(new Write("c", TypedValue.of("json", "1".getBytes(StandardCharsets.UTF_8)))),
          "task-1", "");

      String tag = "{" + prefix + ":t:t-1}";
      List<String> threadKeys = raw.keysOf(prefix).stream().filter(k -> k.startsWith(tag)).toList();
      assertThat(threadKeys).containsExactlyInAnyOrder(tag + ":h", tag + ":n",
          tag + ":z:", tag + ":d:", tag + ":w:", tag + ":y:", tag + ":z:sub", tag + ":d:sub");
      for (String key : threadKeys) {
        assertThat(raw.sync().pttl(key)).as(key).isBetween(1L, Duration.ofMinutes(60).toMillis());
      }

      assertThat(saver.deleteThread("t-1")).isTrue();
      assertThat(raw.keysOf(prefix)).isEmpty();
    }
  }

  @Test
  void threadsGoneFromRedisAreDroppedFromTheRegistry() {
    try (CheckpointStore saver =
        Engram.checkpoints(RedisTests.sharedUri(prefix)).backgroundSweep(false).open()) {
      saver.put(CheckpointConfig.of("t-1"), Checkpoint.of(Map.of()), Map.of());
      saver.put(CheckpointConfig.of("t-2"), Checkpoint.of(Map.of()), Map.of());
      for (String key : raw.keysOf(prefix)) {
        if (key.startsWith("{" + prefix + ":t:t-1}")) {
          raw.sync().del(key);
        }
      }
      assertThat(saver.listThreads(10, null).threadIds()).containsExactly("t-2");
      assertThat(raw.sync().zrange("{" + prefix + "}:threads", 0, -1)).containsExactly("t-2");
    }
  }

  @Test
  void aCheckpointWithThousandsOfWritesIsReadAndPrunedInChunks() {
    try (CheckpointStore saver =
        Engram.checkpoints(RedisTests.sharedUri(prefix)).backgroundSweep(false).open()) {
      CheckpointConfig first =
          saver.put(CheckpointConfig.of("t-1"), Checkpoint.of(Map.of()), Map.of());
      List<Write> writes = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        writes.add(new Write("c" + i, TypedValue.of("json", new byte[] {(byte) i})));
      }
      saver.putWrites(first, writes, "task-1", "");
      assertThat(saver.getTuple(first).orElseThrow().pendingWrites()).hasSize(2500);

      saver.put(first, Checkpoint.of(Map.of()), Map.of());
      assertThat(saver.prune(List.of("t-1"), PruneStrategy.KEEP_LATEST)).isEqualTo(1);
      assertThat(saver.stats().writes()).isZero();
    }
  }

  private static Message message(String id) {
    return Message.builder(Role.USER, "hello " + id).id(id).build();
  }
}
