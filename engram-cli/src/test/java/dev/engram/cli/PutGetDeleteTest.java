package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PutGetDeleteTest {
  @TempDir Path dir;

  @Test
  void putPrintsTheStoredItemAsOneCompactLine() {
    Cli.Result put = Cli.memory().run("put", "users.alice", "prefs", "{\"lang\": \"en\", \"n\": 1}");

    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(put.err()).isEmpty();
    assertThat(put.lines()).hasSize(1);
    assertThat(put.out()).doesNotContain(" ").endsWith("}\n");
    Map<String, Object> item = put.json();
    assertThat(item)
        .containsOnlyKeys(
            "namespace", "key", "value", "created_at", "updated_at", "expires_at", "version");
    assertThat(item.get("namespace")).isEqualTo(List.of("users", "alice"));
    assertThat(item.get("key")).isEqualTo("prefs");
    assertThat(item.get("value")).isEqualTo(Map.of("lang", "en", "n", 1));
    assertThat(item.get("expires_at")).isNull();
    assertThat(item.get("version")).isEqualTo(1);
    Instant created = Instant.parse((String) item.get("created_at"));
    assertThat(item.get("created_at")).isEqualTo(created.toString()).asString().endsWith("Z");
    assertThat(item.get("updated_at")).isEqualTo(item.get("created_at"));
  }

  @Test
  void getReturnsWhatPutStoredAcrossInvocations() {
    Cli cli = Cli.sqlite(dir);
    Map<String, Object> first = cli.run("put", "users.alice", "prefs", "{\"lang\":\"en\"}").json();
    Map<String, Object> second = cli.run("put", "users.alice", "prefs", "{\"lang\":\"fr\"}").json();

    Cli.Result get = cli.run("get", "users.alice", "prefs");

    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.json()).isEqualTo(second);
    assertThat(second.get("version")).isEqualTo(2);
    assertThat(second.get("created_at")).isEqualTo(first.get("created_at"));
    assertThat(second.get("value")).isEqualTo(Map.of("lang", "fr"));
  }

  @Test
  void jsonRoundTripsExactly() {
    Cli cli = Cli.sqlite(dir);
    String value =
        "{\"int\":12345678901234567890,\"dec\":1.50,\"text\":\"héllo \\u00e9 日本 😀\","
            + "\"nested\":{\"list\":[1,\"two\",null,true,{\"x\":[]}]}}";
    cli.run("put", "a", "k", value);

    Map<String, Object> got = cli.run("get", "a", "k").json();

    assertThat(got.get("value"))
        .isEqualTo(dev.engram.spi.JsonCodec.parseObject(value, "expected"));
  }

  @Test
  void getOfAMissingItemExitsOneWithAMessageAndNoOutput() {
    Cli.Result get = Cli.memory().run("get", "users.alice", "nothing");

    assertThat(get.code()).isEqualTo(1);
    assertThat(get.out()).isEmpty();
    assertThat(get.err()).startsWith("engram: ").contains("nothing").contains("users.alice");
  }

  @Test
  void putReadsTheValueFromStandardInput() {
    Cli cli = Cli.sqlite(dir);
    Cli.Result put = cli.runWithInput("{\"from\": \"stdin\", \"ü\": \"ß\"}\n", "put", "a.b", "k", "-");

    assertThat(put.code()).as(put.toString()).isZero();
    assertThat(cli.run("get", "a.b", "k").json().get("value"))
        .isEqualTo(Map.of("from", "stdin", "ü", "ß"));
  }

  @Test
  void aLargeValueTravelsThroughStandardInput() {
    Cli cli = Cli.sqlite(dir);
    String big = "x".repeat(300_000);
    byte[] json = ("{\"big\":\"" + big + "\",\"n\":7}").getBytes(StandardCharsets.UTF_8);
    assertThat(json.length).isGreaterThan(200 * 1024);

    Cli.Result put = cli.runWithInput(json, "put", "docs", "large", "-");
    Cli.Result get = cli.run("get", "docs", "large");

    assertThat(put.code()).as(put.err()).isZero();
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.json().get("value")).isEqualTo(Map.of("big", big, "n", 7));
  }

  @Test
  void emptyStandardInputIsInvalid() {
    Cli.Result put = Cli.memory().runWithInput("", "put", "a", "k", "-");

    assertThat(put.code()).isEqualTo(2);
    assertThat(put.out()).isEmpty();
    assertThat(put.err()).startsWith("engram: ").contains("empty");
  }

  @Test
  void fractionalTtlSetsExpiresAt() {
    Map<String, Object> item = Cli.memory().run("put", "a", "k", "{}", "--ttl", "0.5").json();

    Instant updated = Instant.parse((String) item.get("updated_at"));
    Instant expires = Instant.parse((String) item.get("expires_at"));
    assertThat(Duration.between(updated, expires)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void ttlInWholeMinutes() {
    Map<String, Object> item = Cli.memory().run("put", "a", "k", "{}", "--ttl", "90").json();

    Instant updated = Instant.parse((String) item.get("updated_at"));
    Instant expires = Instant.parse((String) item.get("expires_at"));
    assertThat(Duration.between(updated, expires)).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void anExpiredItemIsGoneAndSweepRemovesIt() throws InterruptedException {
    Cli cli = Cli.sqlite(dir);
    cli.run("put", "a", "short", "{}", "--ttl", "0.001"); // 60 ms
    cli.run("put", "a", "long", "{}");
    Thread.sleep(200);

    assertThat(cli.run("get", "a", "short").code()).isEqualTo(1);
    Cli.Result sweep = cli.run("sweep");
    assertThat(sweep.code()).as(sweep.toString()).isZero();
    assertThat(sweep.json()).isEqualTo(Map.of("removed", 1));
    assertThat(cli.run("sweep").json()).isEqualTo(Map.of("removed", 0));
    assertThat(cli.run("get", "a", "long").code()).isZero();
  }

  @Test
  void getWithoutRefreshLeavesExpiresAtAlone() throws InterruptedException {
    Cli cli = Cli.sqlite(dir);
    Map<String, Object> put = cli.run("put", "a", "k", "{}", "--ttl", "10").json();
    Thread.sleep(20);

    Map<String, Object> noRefresh = cli.run("get", "a", "k", "--no-refresh").json();
    assertThat(noRefresh.get("expires_at")).isEqualTo(put.get("expires_at"));

    Map<String, Object> refreshed = cli.run("get", "a", "k").json();
    assertThat(Instant.parse((String) refreshed.get("expires_at")))
        .isAfter(Instant.parse((String) put.get("expires_at")));
  }

  @Test
  void ifVersionGuardsTheWrite() {
    Cli cli = Cli.sqlite(dir);
    assertThat(cli.run("put", "a", "k", "{\"v\":1}", "--if-version", "0").code()).isZero();

    Cli.Result conflict = cli.run("put", "a", "k", "{\"v\":2}", "--if-version", "0");
    assertThat(conflict.code()).isEqualTo(3);
    assertThat(conflict.out()).isEmpty();
    assertThat(conflict.err()).startsWith("engram: ").contains("version conflict");

    Cli.Result stale = cli.run("put", "a", "k", "{\"v\":2}", "--if-version", "5");
    assertThat(stale.code()).isEqualTo(3);

    Cli.Result ok = cli.run("put", "a", "k", "{\"v\":2}", "--if-version", "1");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.json().get("version")).isEqualTo(2);
    assertThat(cli.run("get", "a", "k").json().get("value")).isEqualTo(Map.of("v", 2));
  }

  @Test
  void deleteIsIdempotent() {
    Cli cli = Cli.sqlite(dir);
    cli.run("put", "a.b", "k", "{}");

    Cli.Result first = cli.run("delete", "a.b", "k");
    Cli.Result second = cli.run("delete", "a.b", "k");

    assertThat(first.code()).isZero();
    assertThat(first.out()).isEqualTo("{\"deleted\":true}\n");
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo("{\"deleted\":false}\n");
    assertThat(cli.run("get", "a.b", "k").code()).isEqualTo(1);
  }

  @Test
  void theStoreComesFromTheEnvironmentWhenNotGiven() {
    String uri = "sqlite:" + dir.resolve("env.db");
    Cli fromEnv = Cli.bare().env("ENGRAM_STORE", uri);
    assertThat(fromEnv.run("put", "a", "k", "{\"via\":\"env\"}").code()).isZero();

    Cli.Result get = Cli.bare().run("get", "a", "k", "--store", uri);

    assertThat(get.json().get("value")).isEqualTo(Map.of("via", "env"));
  }

  @Test
  void storeDefaultsToTheEnvironmentThenTheEmbeddedDefault() {
    StoreOptions options = new StoreOptions();
    assertThat(options.resolve(Map.of())).isEqualTo("sqlite:./engram-data/engram.db");
    assertThat(options.resolve(Map.of("ENGRAM_STORE", "memory:"))).isEqualTo("memory:");
    options.uri = "sqlite:/x.db";
    assertThat(options.resolve(Map.of("ENGRAM_STORE", "memory:"))).isEqualTo("sqlite:/x.db");
  }
}
