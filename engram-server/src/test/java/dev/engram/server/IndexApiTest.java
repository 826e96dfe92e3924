package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.IndexConfig;
import dev.engram.Namespace;
import dev.engram.ReindexProgress;
import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.spi.JsonCodec;
import dev.engram.testkit.WordVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index endpoints and search modes over raw HTTP, with the kits' word-hashing model. */
class IndexApiTest {
  private static final String INDEX_TEXT =
      "{\"embedder\":\"" + WordVectors.ID + "\",\"fields\":[\"text\"]}";

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> json(TestServer.Response response) {
    return JsonCodec.parseObject(response.body(), "response");
  }

  private void putText(String namespace, String key, String text) {
    var r = server.call("PUT", "/store/items", "{\"namespace\":[\"" + namespace + "\"],\"key\":\""
        + key + "\",\"value\":{\"text\":\"" + text + "\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  private List<Map<String, Object>> search(String body) {
    var r = server.call("POST", "/store/items/search", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) json(r).get("items");
    return items;
  }

  private static List<Object> keys(List<Map<String, Object>> items) {
    return items.stream().map(item -> item.get("key")).toList();
  }

  @Test
  void withoutAConfigurationTheIndexIs404AndAQueryA422() {
    var index = server.call("GET", "/store/index", null);
    assertThat(index.status()).isEqualTo(404);
    assertThat(json(index)).containsEntry("error", "not_found");
    assertThat(json(index).get("detail").toString()).contains("PUT /store/index");

    var query = server.call("POST", "/store/items/search", "{\"query\":\"coffee\"}");
    assertThat(query.status()).isEqualTo(422);
    assertThat(json(query)).containsEntry("error", "unsupported_feature");

    var reindex = server.call("POST", "/store/index/reindex", null);
    assertThat(reindex.status()).isEqualTo(422);
    assertThat(json(reindex)).containsEntry("error", "unsupported_feature");
  }

  @Test
  void putIndexStoresTheConfigurationAndIndexesWhatIsStored() {
    putText("facts", "cat", "the cat sleeps on the warm windowsill");
    putText("facts", "rust", "the rust compiler checks borrowing");

    var put = server.call("PUT", "/store/index", INDEX_TEXT);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(json(put)).containsEntry("embedder", WordVectors.ID)
        .containsEntry("dimensions", WordVectors.DIMENSIONS)
        .containsEntry("fields", List.of("text"))
        .containsEntry("progress", Map.of("done", 2, "total", 2));
    assertThat(server.call("GET", "/store/index", null).body()).isEqualTo(
        "{\"embedder\":\"test:words\",\"dimensions\":512,\"fields\":[\"text\"]}");

    var found = search("{\"namespace_prefix\":[\"facts\"],\"query\":\"cat on a windowsill\"}");
    assertThat(keys(found)).containsExactly("cat", "rust");
    assertThat(found).allSatisfy(item -> assertThat(item.get("score")).isInstanceOf(Number.class));
    assertThat(((Number) found.get(0).get("score")).doubleValue())
        .isGreaterThan(((Number) found.get(1).get("score")).doubleValue());

    var reindex = server.call("POST", "/store/index/reindex", null);
    assertThat(json(reindex)).containsEntry("reindexed", 0)
        .containsEntry("progress", Map.of("done", 2, "total", 2));
  }

  @Test
  void eachModeRanksAndAScorelessSearchStaysNull() {
    server.call("PUT", "/store/index", INDEX_TEXT);
    putText("facts", "cat", "the cat sleeps on the warm windowsill");
    putText("facts", "rust", "the rust compiler checks borrowing");

    assertThat(keys(search("{\"query\":\"compiler\",\"mode\":\"keyword\"}")))
        .containsExactly("rust");
    var hybrid = search("{\"query\":\"warm cat\",\"mode\":\"hybrid\"}");
    assertThat(keys(hybrid)).containsExactly("cat", "rust");
    assertThat(((Number) hybrid.get(0).get("score")).doubleValue())
        .isCloseTo(2.0 / 61, within(1e-12));
    assertThat(keys(search(
        "{\"query\":\"warm cat\",\"mode\":\"vector\",\"limit\":1,\"offset\":1}")))
        .containsExactly("rust");
    assertThat(search("{}")).allSatisfy(item -> assertThat(item).containsEntry("score", null));
  }

  @Test
  void aPutCanKeepItsItemOutOfTheIndexOrIndexOtherFields() {
    server.call("PUT", "/store/index", INDEX_TEXT);
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"hidden\","
        + "\"value\":{\"text\":\"lighthouse\"},\"index\":false}");
    server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"title\","
        + "\"value\":{\"text\":\"harbour\",\"title\":\"lighthouse\"},\"index\":[\"title\"]}");
    assertThat(keys(search("{\"query\":\"lighthouse\",\"mode\":\"keyword\"}")))
        .containsExactly("title");
    assertThat(search("{\"query\":\"harbour\",\"mode\":\"keyword\"}")).isEmpty();
    assertThat(server.call("PUT", "/store/items", "{\"namespace\":[\"a\"],\"key\":\"k\","
        + "\"value\":{},\"index\":true}").status()).isEqualTo(422);
  }

  @Test
  void badModesAndConfigurationsAre422NamingTheProblem() {
    server.call("PUT", "/store/index", INDEX_TEXT);
    assertDetail(server.call("POST", "/store/items/search", "{\"query\":\"x\",\"mode\":\"fuzzy\"}"),
        "invalid_input", "fuzzy");
    assertDetail(server.call("POST", "/store/items/search", "{\"mode\":\"keyword\"}"),
        "invalid_input", "needs a query");
    assertDetail(server.call("POST", "/store/batch",
        "{\"ops\":[{\"op\":\"search\",\"mode\":\"hybrid\"}]}"), "invalid_input", "batch op 0");
    assertDetail(server.call("PUT", "/store/index", "{\"fields\":[\"a..b\"]}"),
        "invalid_input", "a..b");
    assertDetail(server.call("PUT", "/store/index", "{\"embedder\":\"no-such-model\"}"),
        "unsupported_feature", "no-such-model");
    assertDetail(server.call("PUT", "/store/index",
        "{\"embedder\":\"test:words\",\"dimensions\":3}"), "invalid_input", "dimensions 3");
    assertDetail(server.call("PUT", "/store/index", "{\"embedder\":\"test:words\",\"field\":[]}"),
        "invalid_input", "field");
    assertDetail(server.call("PUT", "/store/index", "{\"fields\":[1]}"), "invalid_input", "fields");
    // None of them changed the configuration.
    assertThat(json(server.call("GET", "/store/index", null)))
        .containsEntry("fields", List.of("text"));
  }

  private static void assertDetail(TestServer.Response r, String error, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(json(r)).containsEntry("error", error);
    assertThat(json(r).get("detail").toString()).contains(detail);
  }

  @Test
  void aStoreIndexedByAnotherModelAnswers409UntilReindexed() {
    server.close();
    String uri = "sqlite:" + dir.resolve("engram.db");
    try (Store store = Engram.store(uri).backgroundSweep(false).open()) {
      store.configureIndex(IndexConfig.builder().embedder(WordVectors.ID).fields("text").build(),
          ReindexProgress.NONE);
      store.put(Namespace.of("a"), "k", Map.of("text", "lighthouse keeper"));
    }
    server = new TestServer(dir,
        Engram.store(uri).backgroundSweep(false).embedder(WordVectors.otherModel()), Map.of());

    var stale = server.call("POST", "/store/items/search", "{\"query\":\"lighthouse\"}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(json(stale)).containsEntry("error", "reindex_required");
    assertThat(json(stale).get("detail").toString()).contains(WordVectors.ID)
        .contains(WordVectors.OTHER_ID).contains("POST /store/index/reindex");

    var reindex = server.call("POST", "/store/index/reindex", null);
    assertThat(json(reindex)).containsEntry("reindexed", 1);
    assertThat(json(server.call("GET", "/store/index", null)))
        .containsEntry("embedder", WordVectors.OTHER_ID);
    assertThat(keys(search("{\"query\":\"lighthouse\"}"))).containsExactly("k");
  }

  @Test
  void aQueryAcrossSeveralGrantsIsMergedBestFirstAndPagesAddUp() {
    server.close();
    ApiKeyFile keys = ApiKeyFile.at(dir.resolve("api-keys.json"));
    String twoGrants = keys.create(EnumSet.of(Scope.READ),
        List.of(Namespace.of("a"), Namespace.of("b")), null).plaintext();
    server = new TestServer(dir);
    server.store.configureIndex(
        IndexConfig.builder().embedder(WordVectors.ID).fields("text").build(),
        ReindexProgress.NONE);
    for (String ns : List.of("a", "b", "c")) {
      for (int i = 0; i < 6; i++) {
        server.store.put(Namespace.of(ns), ns + i,
            Map.of("text", "lighthouse ".repeat(i + 1) + "harbour pilot number " + i));
      }
    }
    for (String mode : List.of("vector", "keyword", "hybrid")) {
      String query = "{\"query\":\"lighthouse harbour\",\"mode\":\"" + mode + "\"";
      var all = json(server.call("POST", "/store/items/search", query + ",\"limit\":100}",
          "x-api-key", twoGrants));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) all.get("items");
      assertThat(keys(items)).as(mode).hasSize(12)
          .allSatisfy(key -> assertThat((String) key).matches("[ab]\\d"));
      List<Double> scores =
          items.stream().map(i -> ((Number) i.get("score")).doubleValue()).toList();
      assertThat(scores).as(mode).isSortedAccordingTo((x, y) -> Double.compare(y, x));
      List<Object> paged = new ArrayList<>();
      for (int offset = 0; offset < 12; offset += 5) {
        @SuppressWarnings("unchecked")
        var page = (List<Map<String, Object>>) json(server.call("POST", "/store/items/search",
            query + ",\"limit\":5,\"offset\":" + offset + "}", "x-api-key", twoGrants))
            .get("items");
        paged.addAll(keys(page));
      }
      assertThat(paged).as(mode).isEqualTo(keys(items));
    }
  }
}
