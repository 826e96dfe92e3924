package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys: created with a plaintext shown once, stored hashed, listed, revoked, applied live. */
class ApiKeyFileTest {
  @TempDir Path dir;

  @Test
  void createdKeysVerifyAndTheFileHoldsOnlyHashes() throws Exception {
    ApiKeyFile file = ApiKeyFile.at(dir.resolve("keys.json"));
    var created = file.create(EnumSet.of(Scope.READ),
        List.of(Namespace.of("users", "alice", "x"), Namespace.of("users", "alice")), "ci");
    assertThat(created.key().grants()).containsExactly(Namespace.of("users", "alice"));
    String text = Files.readString(file.path());
    String secret = created.plaintext().substring(created.plaintext().lastIndexOf('_') + 1);
    assertThat(text).doesNotContain(created.plaintext()).doesNotContain(secret)
        .contains(created.key().id());
    assertThat(ApiKeyFile.verify(file.snapshot(), created.plaintext())).contains(created.key());
    assertThat(ApiKeyFile.verify(file.snapshot(), created.plaintext() + "x")).isEmpty();
    assertThat(created.toString()).doesNotContain(secret);
  }

  @Test
  void revokedKeysStayListedButStopWorkingOnARunningServer() throws Exception {
    try (TestServer server = new TestServer(dir)) {
      var key = server.keys.create(EnumSet.of(Scope.READ), List.of(), null);
      awaitStatus(server, key.plaintext(), 200);
      server.keys.revoke(key.key().id());
      assertThat(server.keys.list()).singleElement().satisfies(k -> assertThat(k.active()).isFalse());
      awaitStatus(server, key.plaintext(), 401);
      assertThatThrownBy(() -> server.keys.revoke(key.key().id()))
          .isInstanceOf(NotFoundException.class);
    }
  }

  /** The server re-reads the key file within a second of a change; wait for it, boundedly. */
  private static void awaitStatus(TestServer server, String key, int status) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (server.call("POST", "/store/items/search", "{}", "x-api-key", key).status() == status) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server never answered " + status);
  }

  @Test
  void nonsenseIsRefused() {
    ApiKeyFile file = ApiKeyFile.at(dir.resolve("keys.json"));
    assertThatThrownBy(() -> file.create(EnumSet.noneOf(Scope.class), List.of(), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("scope");
    assertThatThrownBy(() -> Scope.parse("root")).hasMessageContaining("read, write or admin");
  }

  @Test
  void aServerWithoutKeysRefusesToServeBeyondLoopback() {
    assertThatThrownBy(() -> new TestServer(dir, b -> b, Map.of("host", "0.0.0.0")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("without API keys");
  }

  @Test
  void aDamagedFileIsReportedNotIgnored() throws Exception {
    Path path = dir.resolve("keys.json");
    Files.writeString(path, "{\"keys\": [{\"id\": 1}]}");
    assertThatThrownBy(() -> ApiKeyFile.at(path).list()).hasMessageContaining("damaged");
  }
}
