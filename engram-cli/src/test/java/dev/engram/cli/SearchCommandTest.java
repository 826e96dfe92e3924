package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void fill() throws InterruptedException {
    cli = Cli.sqlite(dir);
    put("users.alice", "a1", "{\"lang\":\"en\",\"age\":9,\"profile\":{\"tier\":\"gold\"}}");
    put("users.alice", "a2", "{\"lang\":\"fr\",\"age\":10}");
    put("users.bob", "b1", "{\"lang\":\"en\",\"age\":30}");
    put("users.albert", "c1", "{\"lang\":\"de\"}");
    put("teams.core", "t1", "{\"lang\":\"en\"}");
  }

  private void put(String ns, String key, String json) throws InterruptedException {
    Cli.Result r = cli.run("put", ns, key, json);
    assertThat(r.code()).as(r.toString()).isZero();
    Thread.sleep(2); // distinct updated_at, so the newest-first order is known
  }

  private List<String> keys(Cli.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r.jsonLines().stream().map(o -> (String) ((Map<?, ?>) o).get("key")).toList();
  }

  @Test
  void everythingNewestFirstAsJsonLines() {
    Cli.Result r = cli.run("search");

    assertThat(keys(r)).containsExactly("t1", "c1", "b1", "a2", "a1");
    assertThat(r.err()).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) r.jsonLines().get(0);
    assertThat(first.keySet())
        .containsExactly(
            "namespace", "key", "value", "created_at", "updated_at", "expires_at", "version");
  }

  @Test
  void prefixMatchesWholeLabels() {
    assertThat(keys(cli.run("search", "users.alice"))).containsExactly("a2", "a1");
    assertThat(keys(cli.run("search", "users"))).containsExactly("c1", "b1", "a2", "a1");
    assertThat(keys(cli.run("search", "users.al"))).isEmpty();
  }

  @Test
  void noResultsPrintNothing() {
    Cli.Result r = cli.run("search", "nobody");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void filters() {
    assertThat(keys(cli.run("search", "--filter", "{\"lang\":\"en\"}")))
        .containsExactly("t1", "b1", "a1");
    assertThat(keys(cli.run("search", "users", "--filter", "{\"age\":{\"$gte\":10}}")))
        .containsExactly("b1", "a2");
    assertThat(keys(cli.run("search", "--filter", "{\"profile.tier\":\"gold\"}")))
        .containsExactly("a1");
    assertThat(keys(cli.run("search", "--filter", "{\"lang\":{\"$in\":[\"fr\",\"de\"]}}")))
        .containsExactly("c1", "a2");
    assertThat(keys(cli.run("search", "--filter", "{\"age\":{\"$exists\":false}}")))
        .containsExactly("t1", "c1");
  }

  @Test
  void paging() {
    assertThat(keys(cli.run("search", "--limit", "2"))).containsExactly("t1", "c1");
    assertThat(keys(cli.run("search", "--limit", "2", "--offset", "2")))
        .containsExactly("b1", "a2");
    assertThat(keys(cli.run("search", "--limit", "2", "--offset", "4"))).containsExactly("a1");
    assertThat(keys(cli.run("search", "--offset", "5"))).isEmpty();
  }

  @Test
  void badFilterIsInvalidInput() {
    Cli.Result notJson = cli.run("search", "--filter", "{lang:en}");
    assertThat(notJson.code()).isEqualTo(2);
    assertThat(notJson.out()).isEmpty();
    assertThat(notJson.err()).startsWith("engram: ").contains("--filter").contains("JSON");

    Cli.Result notObject = cli.run("search", "--filter", "[1]");
    assertThat(notObject.code()).isEqualTo(2);
    assertThat(notObject.err()).contains("object");

    Cli.Result badOperator = cli.run("search", "--filter", "{\"age\":{\"$near\":1}}");
    assertThat(badOperator.code()).isEqualTo(2);
    assertThat(badOperator.err()).startsWith("engram: ").contains("$near");
  }

  @Test
  void limitAndOffsetOutOfRangeAreInvalid() {
    Cli.Result zero = cli.run("search", "--limit", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).startsWith("engram: ").contains("limit");

    assertThat(cli.run("search", "--limit", "1001").code()).isEqualTo(2);
    assertThat(cli.run("search", "--offset", "-1").err()).contains("offset");
    assertThat(cli.run("search", "--limit", "ten").code()).isEqualTo(2);
  }

  @Test
  void badPrefixIsInvalid() {
    Cli.Result r = cli.run("search", "users..alice");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("engram: ").contains("namespace");
  }

  @Test
  void aQueryNeedsAnIndexConfiguration() {
    Cli.Result r = cli.run("search", "--query", "what does alice like?");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("engram: ").contains("engram index set");
  }
}
