package dev.engram.postgres;

import static dev.engram.postgres.PgFixture.T0;
import static dev.engram.postgres.PgFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.BackendUnavailableException;
import dev.engram.Namespace;
import dev.engram.spi.StoreBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting is bounded: for a connection (pool exhausted, server unreachable) by connectTimeoutMs,
 * for an answer by socketTimeoutMs. The elapsed-time checks are upper bounds that tell "failed in
 * time" from "hung", with generous slack; they measure nothing.
 */
@Timeout(60)
class PostgresTimeoutTest {
  @RegisterExtension static final TestDatabase.Schemas SCHEMAS = new TestDatabase.Schemas();
  private static final Namespace NS = Namespace.of("t");
  private static final long SLACK_MS = 3_000;

  @Test
  void exhaustedPoolFailsAfterConnectTimeoutAndRecoversWhenAConnectionIsFree() throws Exception {
    try (StoreBackend store =
        PgFixture.open(TestDatabase.uri(SCHEMAS.fresh(), "poolSize=1", "connectTimeoutMs=500"))) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() ->
          store.inTransaction(() -> {
            holding.countDown();
            try {
              return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.put(put(NS, "k", Map.of("a", 1), T0)))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining(store.name())
          .hasMessageContaining("connectTimeoutMs=500")
          .hasMessageContaining("poolSize=1");
      assertThat(elapsedMs(start)).isLessThan(500 + SLACK_MS);

      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      assertThat(store.put(put(NS, "k", Map.of("a", 1), T0)).version()).isEqualTo(1);
    }
  }

  @Test
  void statementWaitingTooLongFailsAfterSocketTimeoutAndTheStoreCarriesOn() throws Exception {
    try (StoreBackend store =
        PgFixture.open(TestDatabase.uri(SCHEMAS.fresh(), "poolSize=3", "socketTimeoutMs=1000"))) {
      store.put(put(NS, "k", Map.of("a", 0), T0));
      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Holds the row lock of "k" in an open transaction, so a second writer waits on the server.
      CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() ->
          store.inTransaction(() -> {
            store.put(put(NS, "k", Map.of("a", 1), T0));
            locked.countDown();
            try {
              return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.put(put(NS, "k", Map.of("a", 2), T0)))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining(store.name())
          .hasMessageContaining("socketTimeoutMs=1000");
      assertThat(elapsedMs(start)).isLessThan(1000 + SLACK_MS);

      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      store.put(put(NS, "other", Map.of("a", 3), T0));
      assertThat(store.get(NS, "other", T0, false)).isNotNull();
    }
  }

  @Test
  void unreachableServerFailsToOpenAfterConnectTimeoutNamingTheStore() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String uri = "postgresql://postgres:secret@127.0.0.1:" + closedPort
        + "/test?connectTimeoutMs=500";
    long start = System.nanoTime();
    assertThatThrownBy(() -> PgFixture.open(uri))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("postgresql://postgres@127.0.0.1:" + closedPort + "/test")
        .hasMessageContaining("connectTimeoutMs=500")
        .hasMessageNotContaining("secret");
    assertThat(elapsedMs(start)).isLessThan(500 + SLACK_MS);
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
