package dev.engram.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.Store;
import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.TypedValue;
import dev.engram.conversation.Message;
import dev.engram.conversation.Role;
import dev.engram.testkit.WordVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenancy: a key granted {@code users.alice} can neither read, list, search, export, overwrite
 * nor delete anything of {@code users.bob}'s — items, conversations or checkpoint threads —
 * whatever prefix, id, encoding or body it sends. Every
 * probe runs with alice's key; bob's items carry a marker that must never appear in an answer, and
 * they must be unchanged afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {
  private static final String BOB_SECRET = "bob-secret-marker";
  /** Conversation and thread ids that are not alice's: another tenant's, a look-alike, none. */
  private static final List<String> OTHERS =
      List.of("users.bob.chat", "users.alicex.chat", "users.alice", "chat-global", "teams.x.1");

  TestServer server;
  String alice;
  String readOnly;
  String admin;
  String adminWithGrant;

  @BeforeAll
  void start(@TempDir Path dir) {
    // Keys first: the server reads the key file at start (and then at most once a second).
    ApiKeyFile keys = ApiKeyFile.at(dir.resolve("api-keys.json"));
    alice = keys.create(EnumSet.of(Scope.WRITE), List.of(Namespace.of("users", "alice")),
        "alice").plaintext();
    readOnly = keys.create(EnumSet.of(Scope.READ), List.of(Namespace.of("users", "alice")),
        null).plaintext();
    admin = keys.create(EnumSet.of(Scope.ADMIN), List.of(), null).plaintext();
    adminWithGrant = keys.create(EnumSet.of(Scope.ADMIN), List.of(Namespace.of("users", "alice")),
        null).plaintext();
    server = new TestServer(dir);
    Store store = server.store;
    // Every item indexed, its whole value: a query for bob's marker words would find his items.
    store.configureIndex(
        IndexConfig.builder().embedder(WordVectors.ID).build(), ReindexProgress.NONE);
    store.put(Namespace.of("users", "alice"), "prefs", Map.of("owner", "alice"));
    store.put(Namespace.of("users", "alice", "notes"), "n1", Map.of("owner", "alice"));
    store.put(Namespace.of("users", "bob"), "prefs", Map.of("owner", BOB_SECRET));
    store.put(Namespace.of("users", "bob", "notes"), "n1", Map.of("owner", BOB_SECRET));
    store.put(Namespace.of("users", "alicex"), "k", Map.of("owner", BOB_SECRET));
    store.put(Namespace.of("teams", "x"), "k", Map.of("owner", BOB_SECRET));
    for (String id : List.of("users.alice.chat", "users.alice.t1")) {
      server.conversations.append(id, Message.builder(Role.USER, "alice's").id("m1").build());
      server.checkpoints.put(CheckpointConfig.of(id), Checkpoint.of(Map.of("owner", "alice"))
          .withId("cp1"), Map.of());
    }
    for (String id : OTHERS) {
      server.conversations.append(id, Message.builder(Role.USER, BOB_SECRET).id("m1")
          .metadata(Map.of("owner", BOB_SECRET)).build());
      server.checkpoints.put(CheckpointConfig.of(id), Checkpoint.of(Map.of("owner", BOB_SECRET))
          .withId("cp1").withBlob("b", TypedValue.of("json", BOB_SECRET.getBytes(UTF_8))),
          Map.of("owner", BOB_SECRET));
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static Stream<Arguments> probes() {
    List<Arguments> probes = new ArrayList<>();
    for (String ns : List.of("users.bob", "users%2Ebob", "users.bob.notes", "users.%62ob",
        "users.alicex", "teams.x", "users.ｂob", "users.alice%00", "")) {
      probes.add(Arguments.of("GET", "/store/items?namespace=" + ns + "&key=prefs", null));
      probes.add(Arguments.of("GET", "/export?namespace_prefix=" + ns, null));
    }
    for (String ns : List.of("[\"users\",\"bob\"]", "[\"users\",\"bob\",\"notes\"]",
        "[\"users\",\"alicex\"]", "[\"teams\",\"x\"]", "[\"users\",\"\\u0062ob\"]",
        "[\"users\",\"*\"]", "[\"*\",\"bob\"]")) {
      String address = "{\"namespace\":" + ns + ",\"key\":\"prefs\"";
      probes.add(Arguments.of("PUT", "/store/items", address + ",\"value\":{\"owner\":\"alice\"}}"));
      probes.add(Arguments.of("PUT", "/store/items", address + ",\"value\":null}"));
      probes.add(Arguments.of("DELETE", "/store/items", address + "}"));
      probes.add(Arguments.of("POST", "/store/batch",
          "{\"ops\":[{\"op\":\"get\",\"namespace\":" + ns + ",\"key\":\"prefs\"}]}"));
      probes.add(Arguments.of("POST", "/store/batch",
          "{\"ops\":[{\"op\":\"delete\",\"namespace\":" + ns + ",\"key\":\"prefs\"}]}"));
      probes.add(Arguments.of("POST", "/store/batch",
          "{\"ops\":[{\"op\":\"search\",\"namespace_prefix\":" + ns + "}]}"));
    }
    for (String prefix : List.of("[]", "[\"users\"]", "[\"users\",\"bob\"]", "[\"teams\"]",
        "[\"users\",\"alicex\"]")) {
      probes.add(Arguments.of("POST", "/store/items/search",
          "{\"namespace_prefix\":" + prefix + ",\"limit\":1000}"));
      probes.add(Arguments.of("POST", "/store/items/search",
          "{\"namespace_prefix\":" + prefix + ",\"filter\":{\"owner\":\"" + BOB_SECRET + "\"}}"));
      probes.add(Arguments.of("POST", "/store/batch",
          "{\"ops\":[{\"op\":\"search\",\"namespace_prefix\":" + prefix + "}]}"));
      for (String mode : List.of("vector", "keyword", "hybrid")) {
        String query = "\"query\":\"bob secret marker owner\",\"mode\":\"" + mode + "\"";
        probes.add(Arguments.of("POST", "/store/items/search",
            "{\"namespace_prefix\":" + prefix + "," + query + ",\"limit\":1000}"));
        probes.add(Arguments.of("POST", "/store/items/search", "{\"namespace_prefix\":" + prefix
            + "," + query + ",\"filter\":{\"owner\":\"" + BOB_SECRET + "\"}}"));
        probes.add(Arguments.of("POST", "/store/batch", "{\"ops\":[{\"op\":\"search\","
            + "\"namespace_prefix\":" + prefix + "," + query + "}]}"));
      }
    }
    for (String prefix : List.of("[]", "[\"users\"]", "[\"*\"]", "[\"users\",\"*\"]",
        "[\"users\",\"bob\"]", "[\"*\",\"*\",\"notes\"]")) {
      probes.add(Arguments.of("POST", "/store/namespaces",
          "{\"prefix\":" + prefix + ",\"limit\":1000}"));
      probes.add(Arguments.of("POST", "/store/namespaces",
          "{\"prefix\":" + prefix + ",\"suffix\":[\"bob\"]}"));
      probes.add(Arguments.of("POST", "/store/namespaces",
          "{\"prefix\":" + prefix + ",\"max_depth\":2}"));
      probes.add(Arguments.of("POST", "/store/batch",
          "{\"ops\":[{\"op\":\"list_namespaces\",\"prefix\":" + prefix + "}]}"));
    }
    probes.add(Arguments.of("GET", "/export", null));
    probes.add(Arguments.of("POST", "/store/sweep", "{}"));
    probes.add(Arguments.of("GET", "/store/index", null));
    probes.add(Arguments.of("PUT", "/store/index", "{\"embedder\":\"test:words\"}"));
    probes.add(Arguments.of("POST", "/store/index/reindex", "{}"));
    conversationProbes(probes);
    threadProbes(probes);
    return probes.stream();
  }

  /** Every conversation endpoint, with ids of others as sent plainly and encoded. */
  private static void conversationProbes(List<Arguments> probes) {
    String message = "{\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"x\"}]";
    for (String id : ids()) {
      String one = "/conversations/" + id;
      probes.add(Arguments.of("GET", one, null));
      probes.add(Arguments.of("GET", one + "?include_expired=true&last=5", null));
      probes.add(Arguments.of("PUT", one, message + ",\"ttl\":1}"));
      probes.add(Arguments.of("DELETE", one, null));
      probes.add(Arguments.of("POST", one + "/messages", message + "}"));
      probes.add(Arguments.of("GET", one + "/ttl", null));
      probes.add(Arguments.of("PUT", one + "/ttl", "{\"ttl\":1}"));
      probes.add(Arguments.of("DELETE", one + "/ttl", null));
    }
    String filter = java.net.URLEncoder.encode("{\"owner\":\"" + BOB_SECRET + "\"}", UTF_8);
    probes.add(Arguments.of("GET", "/conversations?limit=1000", null));
    probes.add(Arguments.of("GET", "/conversations?limit=1&filter=" + filter, null));
    probes.add(Arguments.of("GET", "/conversations/stats", null));
    probes.add(Arguments.of("DELETE", "/conversations", null));
    probes.add(Arguments.of("POST", "/conversations/cleanup", "{}"));
    probes.add(Arguments.of("GET", "/export?kind=conversations", null));
  }

  /** Every checkpoint endpoint, with thread ids of others, copies both ways and prunes. */
  private static void threadProbes(List<Arguments> probes) {
    String checkpoint = "{\"checkpoint\":{\"id\":\"cp1\",\"state\":{\"owner\":\"alice\"}}}";
    String writes = "{\"task_id\":\"t\",\"writes\":[{\"channel\":\"c\",\"type\":\"json\","
        + "\"data_base64\":\"e30=\"}]}";
    for (String id : ids()) {
      String thread = "/threads/" + id;
      probes.add(Arguments.of("PUT", thread + "/checkpoints", checkpoint));
      probes.add(Arguments.of("GET", thread + "/checkpoints?all_namespaces=true", null));
      probes.add(Arguments.of("GET", thread + "/checkpoints/latest", null));
      probes.add(Arguments.of("GET", thread + "/checkpoints/cp1", null));
      probes.add(Arguments.of("POST", thread + "/checkpoints/cp1/writes", writes));
      probes.add(Arguments.of("DELETE", thread, null));
      probes.add(Arguments.of("POST", thread + "/copy", "{\"to\":\"users.alice.copy\"}"));
      String plain = java.net.URLDecoder.decode(id, UTF_8);
      probes.add(Arguments.of("POST", "/threads/users.alice.t1/copy",
          "{\"to\":\"" + plain + "\"}"));
      probes.add(Arguments.of("POST", "/threads/prune",
          "{\"thread_ids\":[\"users.alice.t1\",\"" + plain + "\"],\"strategy\":\"delete\"}"));
    }
    probes.add(Arguments.of("GET", "/threads?limit=1000", null));
    probes.add(Arguments.of("GET", "/threads?limit=1", null));
    probes.add(Arguments.of("GET", "/threads/stats", null));
    probes.add(Arguments.of("POST", "/threads/sweep", "{}"));
    probes.add(Arguments.of("GET", "/export?kind=checkpoints", null));
  }

  /** The others' ids as path segments: plain, with encoded dots, and with encoded slashes. */
  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (String id : OTHERS) {
      ids.add(id);
      ids.add(id.replace(".", "%2E"));
    }
    ids.add("users.%62ob.chat");
    ids.add("users.%EF%BD%82ob.chat");
    ids.add("users.alice%2F..%2Fusers.bob.chat");
    return ids;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("probes")
  void aliceNeverReachesAnyoneElse(String method, String path, String body) {
    for (String[] auth : List.of(new String[] {"x-api-key", alice},
        new String[] {"authorization", "Bearer " + alice})) {
      var response = server.call(method, path, body, auth);
      assertThat(response.body()).as("%s %s", method, path).doesNotContain(BOB_SECRET);
      if (response.status() < 300) {
        // A refusal may repeat the namespace the request named; an answer names no other's.
        assertThat(response.body()).as("%s %s", method, path)
            .doesNotContain("\"bob\"").doesNotContain("alicex").doesNotContain("teams");
      }
      assertThat(response.status()).as("%s %s: %s", method, path, response.body())
          .isIn(200, 204, 400, 403, 404, 422);
    }
    for (String id : OTHERS) {
      var conversation = server.conversations.load(id).orElseThrow();
      assertThat(conversation.messageCount()).as(id).isEqualTo(1);
      assertThat(conversation.messages().get(0).content()).isEqualTo(BOB_SECRET);
      assertThat(conversation.expiresAt()).as(id).isNull();
      var latest = server.checkpoints.getTuple(CheckpointConfig.of(id)).orElseThrow();
      assertThat(latest.checkpoint().state()).as(id).isEqualTo(Map.of("owner", BOB_SECRET));
      assertThat(latest.pendingWrites()).as(id).isEmpty();
    }
    assertThat(server.store.get(Namespace.of("users", "bob"), "prefs", false).orElseThrow().value())
        .isEqualTo(Map.of("owner", BOB_SECRET));
    assertThat(server.store.get(Namespace.of("users", "bob", "notes"), "n1", false)).isPresent();
    assertThat(server.store.get(Namespace.of("users", "alicex"), "k", false).orElseThrow().version())
        .isEqualTo(1);
  }

  @Test
  void aliceSeesHerOwnItemsWhateverPrefixSheAsks() {
    for (String prefix : List.of("[]", "[\"users\"]", "[\"users\",\"alice\"]")) {
      var response = server.call("POST", "/store/items/search",
          "{\"namespace_prefix\":" + prefix + "}", "x-api-key", alice);
      assertThat(response.body()).contains("\"users\",\"alice\"]").contains("\"notes\"");
    }
    for (String mode : List.of("vector", "keyword", "hybrid")) {
      var response = server.call("POST", "/store/items/search",
          "{\"query\":\"owner alice\",\"mode\":\"" + mode + "\"}", "x-api-key", alice);
      assertThat(response.body()).as(mode).contains("\"users\",\"alice\"]").contains("\"notes\"")
          .contains("\"score\":").doesNotContain(BOB_SECRET);
    }
    var listing = server.call("POST", "/store/namespaces", "{}", "x-api-key", alice);
    assertThat(listing.body())
        .isEqualTo("{\"namespaces\":[[\"users\",\"alice\"],[\"users\",\"alice\",\"notes\"]]}");
    var export = server.call("GET", "/export?kind=store", null, "x-api-key", alice);
    assertThat(export.body().lines()).hasSize(2);
  }

  @Test
  void aliceSeesHerOwnConversationsAndThreadsOnly() {
    var conversations = server.call("GET", "/conversations", null, "x-api-key", alice);
    assertThat(conversations.body()).contains("users.alice.chat").doesNotContain("users.bob")
        .doesNotContain("chat-global");
    var threads = server.call("GET", "/threads", null, "x-api-key", alice);
    assertThat(threads.body()).contains("users.alice.t1").doesNotContain("users.bob");
    var export = server.call("GET", "/export?kind=all", null, "x-api-key", alice);
    assertThat(export.body()).contains("users.alice.chat").contains("users.alice.t1")
        .doesNotContain(BOB_SECRET);
    assertThat(server.call("GET", "/conversations/users.alice.chat", null, "x-api-key", alice)
        .status()).isEqualTo(200);
  }

  @Test
  void keysAreRequiredOnceAnyExistsAndScopesHold() {
    assertThat(server.call("POST", "/store/items/search", "{}").status()).isEqualTo(401);
    assertThat(server.call("POST", "/store/items/search", "{}", "x-api-key", "egk_k_000000000000_x")
        .status()).isEqualTo(401);
    assertThat(server.call("POST", "/store/items/search", "{}", "x-api-key", alice + "x")
        .status()).isEqualTo(401);
    assertThat(server.call("PUT", "/store/items",
        "{\"namespace\":[\"users\",\"alice\"],\"key\":\"k\",\"value\":{}}", "x-api-key", readOnly)
        .status()).isEqualTo(403);
    assertThat(server.call("POST", "/store/sweep", "{}", "x-api-key", alice).status())
        .isEqualTo(403);
    assertThat(server.call("POST", "/store/sweep", "{}", "x-api-key", admin).status())
        .isEqualTo(200);
    // The index covers every tenant: changing or rebuilding it needs admin and no grants.
    String sameConfig = "{\"embedder\":\"test:words\"}";
    for (String key : List.of(readOnly, alice, adminWithGrant)) {
      assertThat(server.call("PUT", "/store/index", sameConfig, "x-api-key", key).status())
          .isEqualTo(403);
      assertThat(server.call("POST", "/store/index/reindex", "{}", "x-api-key", key).status())
          .isEqualTo(403);
    }
    assertThat(server.call("POST", "/store/index/reindex", "{}", "x-api-key", adminWithGrant)
        .body()).contains("grants");
    assertThat(server.call("GET", "/store/index", null, "x-api-key", readOnly).status())
        .isEqualTo(200);
    assertThat(server.call("PUT", "/store/index", sameConfig, "x-api-key", admin).status())
        .isEqualTo(200);
    assertThat(server.call("POST", "/store/index/reindex", "{}", "x-api-key", admin).body())
        .contains("\"reindexed\":0");
    assertThat(server.call("GET", "/healthz", null).status()).isEqualTo(200);
  }

  @Test
  void anUnrestrictedKeySeesEveryone() {
    var response = server.call("POST", "/store/items/search", "{\"limit\":100}", "x-api-key", admin);
    assertThat(response.body()).contains(BOB_SECRET).contains("alice");
  }
}
