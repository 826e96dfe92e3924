package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import dev.engram.spi.JsonCodec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangGraph store endpoints over raw HTTP: statuses, bodies and Engram's additions. */
class StoreApiTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(dir, b -> b.maxValueBytes(100), Map.of("max-request-bytes", "2048"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> json(TestServer.Response response) {
    return JsonCodec.parseObject(response.body(), "response");
  }

  @Test
  void putThenGetReturnsTheItemWithVersionAndExpiry() {
    var put = server.call("PUT", "/store/items",
        "{\"namespace\":[\"users\",\"alice\"],\"key\":\"prefs\",\"value\":{\"lang\":\"en\"}}");
    assertThat(put.status()).isEqualTo(204);
    assertThat(put.body()).isEmpty();

    var get = server.call("GET", "/store/items?namespace=users.alice&key=prefs", null);
    assertThat(get.status()).isEqualTo(200);
    Map<String, Object> item = json(get);
    assertThat(item).containsEntry("namespace", java.util.List.of("users", "alice"))
        .containsEntry("key", "prefs").containsEntry("value", Map.of("lang", "en"))
        .containsEntry("version", 1).containsEntry("expires_at", null)
        .containsKeys("created_at", "updated_at");
  }

  @Test
  void missingItemIsJsonNull() {
    var get = server.call("GET", "/store/items?namespace=users.alice&key=nope", null);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("null");
  }

  @Test
  void ttlInMinutesOrIsoAndNullMeaningNever() {
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"m\",\"value\":{},\"ttl\":1.5}");
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"iso\",\"value\":{},\"ttl\":\"PT90S\"}");
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"never\",\"value\":{},\"ttl\":null}");
    var m = server.store.get(Namespace.of("a"), "m", false).orElseThrow();
    var iso = server.store.get(Namespace.of("a"), "iso", false).orElseThrow();
    assertThat(java.time.Duration.between(m.updatedAt(), m.expiresAt())).hasSeconds(90);
    assertThat(java.time.Duration.between(iso.updatedAt(), iso.expiresAt())).hasSeconds(90);
    assertThat(server.store.get(Namespace.of("a"), "never", false).orElseThrow().expiresAt()).isNull();
  }

  @Test
  void preferReturnRepresentationAnswersWrites() {
    var put = server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{\"n\":1}}",
        "prefer", "return=representation");
    assertThat(put.status()).isEqualTo(200);
    assertThat(json(put)).containsEntry("version", 1);
    var delete = server.call("DELETE", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\"}",
        "prefer", "return=representation");
    assertThat(json(delete)).containsEntry("deleted", true);
    assertThat(server.call("DELETE", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\"}")
        .status()).isEqualTo(204);
  }

  @Test
  void malformedJsonIs400() {
    var r = server.call("PUT", "/store/items", "{\"namespace\": [", new String[0]);
    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r)).containsEntry("error", "bad_request").containsKey("detail");
  }

  @Test
  void invalidValuesAre422NamingWhatIsWrong() {
    var badLabel = server.call("PUT", "/store/items",
        "{\"namespace\":[\"a.b\"],\"key\":\"k\",\"value\":{}}");
    assertThat(badLabel.status()).isEqualTo(422);
    assertThat(json(badLabel).get("detail").toString()).contains("'.'");

    var unknown = server.call("PUT", "/store/items",
        "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{},\"if_verison\":1}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(json(unknown).get("detail").toString()).contains("if_verison");

    var filter = server.call("POST", "/store/items/search",
        "{\"namespace_prefix\":[],\"filter\":{\"age\":{\"$near\":1}}}");
    assertThat(filter.status()).isEqualTo(422);
    assertThat(json(filter).get("detail").toString()).contains("$near");

    var limit = server.call("POST", "/store/items/search", "{\"limit\":0}");
    assertThat(limit.status()).isEqualTo(422);
  }

  @Test
  void versionConflictIs409WithBothVersions() {
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{}}");
    var r = server.call("PUT", "/store/items",
        "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{},\"if_version\":0}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(json(r)).containsEntry("error", "version_conflict")
        .containsEntry("expected_version", 0).containsEntry("actual_version", 1)
        .containsEntry("target", "a/k");
  }

  @Test
  void oversizedValueAndOversizedBodyAre413() {
    var value = server.call("PUT", "/store/items",
        "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{\"s\":\"" + "x".repeat(200) + "\"}}");
    assertThat(value.status()).isEqualTo(413);
    assertThat(json(value)).containsEntry("error", "value_too_large").containsEntry("limit_bytes", 100);

    var body = server.call("PUT", "/store/items",
        "{\"namespace\":[\"a\"],\"key\":\"k\",\"value\":{\"s\":\"" + "x".repeat(4000) + "\"}}");
    assertThat(body.status()).isEqualTo(413);
    assertThat(json(body)).containsEntry("error", "request_too_large");
  }

  @Test
  void searchWithAQueryIsAClear422() {
    var r = server.call("POST", "/store/items/search", "{\"query\":\"coffee\"}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(json(r)).containsEntry("error", "unsupported_feature");
  }

  @Test
  void searchAndNamespacesPageLikeLangGraph() {
    for (int i = 0; i < 5; i++) {
      server.call("PUT", "/store/items", "{\"namespace\":[\"docs\",\"d" + i + "\"],\"key\":\"k\","
          + "\"value\":{\"i\":" + i + "}}");
    }
    var page = json(server.call("POST", "/store/items/search",
        "{\"namespace_prefix\":[\"docs\"],\"filter\":{\"i\":{\"$gte\":1}},\"limit\":2,\"offset\":1}"));
    assertThat((java.util.List<?>) page.get("items")).hasSize(2);
    var namespaces = json(server.call("POST", "/store/namespaces",
        "{\"prefix\":[\"docs\"],\"max_depth\":1}"));
    assertThat(namespaces.get("namespaces")).isEqualTo(java.util.List.of(java.util.List.of("docs")));
  }

  @Test
  void repeatedOrUnknownQueryParametersAreRefused() {
    assertThat(server.call("GET", "/store/items?namespace=a&namespace=b&key=k", null).status())
        .isEqualTo(400);
    assertThat(server.call("GET", "/store/items?namespace=a&key=k&x=1", null).status())
        .isEqualTo(422);
  }

  @Test
  void unknownRouteIsJsonAndNoResponseCarriesAStackTrace() {
    var r = server.call("GET", "/nope", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(json(r)).containsKey("detail");
    for (var response : java.util.List.of(r,
        server.call("PUT", "/store/items", "[1,2"),
        server.call("POST", "/store/batch", "{\"ops\":[{\"op\":\"nope\"}]}"))) {
      assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }
}
