package dev.engram.testkit;

import static dev.engram.testkit.ConversationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.conversation.Conversation;
import dev.engram.conversation.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads appending to one conversation: nothing lost, one total order, retries absorbed. */
public interface ConversationConcurrencyContract extends ConversationFixture {

  int APPEND_THREADS = 8;

  private <T> List<T> onAppendThreads(Callable<T> task) throws Exception {
    conversations(); // opened once, before the threads share it
    ExecutorService pool = Executors.newFixedThreadPool(APPEND_THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < APPEND_THREADS; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(120)
  default void concurrentAppendsLoseNoMessageAndKeepOneOrder() throws Exception {
    int perThread = 40;
    AtomicInteger threadIds = new AtomicInteger();
    List<List<Long>> counts = onAppendThreads(() -> {
      int t = threadIds.getAndIncrement();
      List<Long> seen = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        seen.add(conversations().append("shared", user("t" + t + "-" + i, "x")));
      }
      return seen;
    });

    Conversation c = loaded("shared");
    assertThat(c.messageCount()).isEqualTo(APPEND_THREADS * perThread);
    assertThat(ids(c)).hasSize(APPEND_THREADS * perThread).doesNotHaveDuplicates();
    for (int t = 0; t < APPEND_THREADS; t++) {
      String prefix = "t" + t + "-";
      List<String> own = ids(c).stream().filter(id -> id.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        expected.add(prefix + i);
      }
      assertThat(own).containsExactlyElementsOf(expected);
    }
    // Each thread saw the count grow with every append: a total order, no count reused.
    for (List<Long> seen : counts) {
      assertThat(seen).isSorted().doesNotHaveDuplicates();
    }
    List<Long> all = counts.stream().flatMap(List::stream).toList();
    assertThat(all).doesNotHaveDuplicates();
    // A second load returns the very same order.
    assertThat(ids(loaded("shared"))).isEqualTo(ids(c));
  }

  @Test
  @Timeout(120)
  default void concurrentRetriesOfTheSameMessagesAddEachOnce() throws Exception {
    List<Message> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(user("m" + i, "x" + i));
    }
    onAppendThreads(() -> {
      for (int round = 0; round < 5; round++) {
        conversations().append("retried", batch);
      }
      return null;
    });

    Conversation c = loaded("retried");
    assertThat(c.messageCount()).isEqualTo(20);
    assertThat(ids(c)).containsExactlyElementsOf(batch.stream().map(Message::id).toList());
  }

  @Test
  @Timeout(120)
  default void concurrentAppendsToDifferentConversationsAllLand() throws Exception {
    AtomicInteger threadIds = new AtomicInteger();
    onAppendThreads(() -> {
      int t = threadIds.getAndIncrement();
      for (int i = 0; i < 25; i++) {
        conversations().append("conv" + t, user("m" + i, "x"));
      }
      return null;
    });
    assertThat(conversations().stats().conversations()).isEqualTo(APPEND_THREADS);
    assertThat(conversations().stats().messages()).isEqualTo(APPEND_THREADS * 25L);
  }
}
