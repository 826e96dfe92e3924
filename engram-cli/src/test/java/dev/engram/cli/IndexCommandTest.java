package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.testkit.WordVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram index set|show}, {@code engram reindex} and {@code engram search --query} on a
 * real SQLite store, indexing with the kits' word-hashing model ({@code test:words}).
 */
class IndexCommandTest {
  private static final String CONFIG =
      "{\"embedder\":\"test:words\",\"dimensions\":512,\"fields\":[\"text\"]}";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void fill() {
    cli = Cli.sqlite(dir);
    put("facts", "cat", "{\"text\":\"the cat sleeps on the warm windowsill\",\"lang\":\"en\"}");
    put("facts", "rust", "{\"text\":\"the rust compiler checks borrowing\",\"lang\":\"en\"}");
    put("facts.fr", "chat", "{\"text\":\"le chat dort sur la fenetre\",\"lang\":\"fr\"}");
    put("other", "cat", "{\"text\":\"another cat elsewhere\"}");
  }

  private void put(String ns, String key, String json) {
    Cli.Result r = cli.run("put", ns, key, json);
    assertThat(r.code()).as(r.toString()).isZero();
  }

  private Cli.Result ok(String... args) {
    Cli.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Cli.Result r) {
    return r.jsonLines().stream().map(line -> (Map<String, Object>) line).toList();
  }

  private static List<Object> keys(Cli.Result r) {
    return items(r).stream().map(item -> item.get("key")).toList();
  }

  private void indexText() {
    ok("index", "set", "--embedder", WordVectors.ID, "--fields", "text");
  }

  @Test
  void indexSetStoresTheConfigurationAndIndexesWhatIsStored() {
    Cli.Result set = ok("index", "set", "--embedder", WordVectors.ID, "--fields", "text");
    assertThat(set.out()).isEqualTo(CONFIG + "\n");
    assertThat(set.err()).as("no progress bar off a terminal").isEmpty();
    assertThat(ok("index", "show").out()).isEqualTo(CONFIG + "\n");

    Cli.Result found = ok("search", "facts", "--query", "where does the cat sleep");
    assertThat(keys(found)).hasSize(3).startsWith("cat");
    assertThat(items(found))
        .allSatisfy(item -> assertThat(item.get("score")).isInstanceOf(Number.class));
    assertThat(items(found).get(0).keySet()).containsExactly("namespace", "key", "value",
        "created_at", "updated_at", "expires_at", "version", "score");
  }

  @Test
  void eachModeRanksWithinThePrefixAndFilter() {
    indexText();
    assertThat(keys(ok("search", "facts", "--query", "compiler", "--mode", "keyword")))
        .containsExactly("rust");
    assertThat(keys(ok("search", "--query", "cat", "--mode", "KEYWORD")))
        .containsExactlyInAnyOrder("cat", "cat");
    Cli.Result hybrid = ok("search", "facts", "--query", "warm cat", "--mode", "hybrid",
        "--filter", "{\"lang\":\"en\"}", "--limit", "1");
    assertThat(keys(hybrid)).containsExactly("cat");
    assertThat(((Number) items(hybrid).get(0).get("score")).doubleValue())
        .isCloseTo(2.0 / 61, within(1e-9));
    assertThat(keys(ok("search", "facts", "--query", "warm cat", "--filter", "{\"lang\":\"en\"}",
        "--offset", "1", "--limit", "1"))).containsExactly("rust");
  }

  @Test
  void itemsPutAfterwardsAreIndexedAndChangingTheFieldsReindexes() {
    indexText();
    put("facts", "later", "{\"text\":\"a lighthouse keeper\",\"title\":\"harbour\"}");
    assertThat(keys(ok("search", "--query", "lighthouse", "--mode", "keyword")))
        .containsExactly("later");

    ok("index", "set", "--embedder", WordVectors.ID, "--fields", "title,{text,lang}");
    assertThat(keys(ok("search", "--query", "harbour", "--mode", "keyword")))
        .containsExactly("later");
    assertThat(keys(ok("search", "--query", "fr", "--mode", "keyword"))).containsExactly("chat");
    assertThat(ok("index", "show").json()).containsEntry("fields", List.of("title", "{text,lang}"));
  }

  @Test
  void reindexPrintsHowManyItemsItRedid() {
    indexText();
    Cli.Result r = ok("reindex");
    assertThat(r.out()).isEqualTo("{\"reindexed\":0}\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void withoutAConfigurationShowExits1AndQueriesAndReindexAreInvalid() {
    Cli.Result show = cli.run("index", "show");
    assertThat(show.code()).isEqualTo(1);
    assertThat(show.out()).isEmpty();
    assertThat(show.err()).startsWith("engram: ").contains("no index configuration")
        .contains("engram index set");

    Cli.Result query = cli.run("search", "--query", "cat");
    assertThat(query.code()).isEqualTo(2);
    assertThat(query.err()).startsWith("engram: ").contains("engram index set");

    Cli.Result reindex = cli.run("reindex");
    assertThat(reindex.code()).isEqualTo(2);
    assertThat(reindex.out()).isEmpty();
    assertThat(reindex.err()).contains("index");
  }

  @Test
  void badModesFieldsAndEmbeddersAreInvalidAndChangeNothing() {
    indexText();
    assertInvalid(cli.run("search", "--query", "cat", "--mode", "fuzzy"), "--mode", "fuzzy");
    assertInvalid(cli.run("search", "--mode", "keyword"), "--mode needs --query");
    assertInvalid(
        cli.run("index", "set", "--embedder", WordVectors.ID, "--fields", "a..b"), "a..b");
    assertInvalid(cli.run("index", "set", "--embedder", WordVectors.ID, "--fields", "a,,b"),
        "blank");
    assertInvalid(cli.run("index", "set", "--embedder", "no-such-model"), "no-such-model");
    assertInvalid(cli.run("index", "set", "--embedder", ""), "embedder");
    assertInvalid(Cli.bare().run("index"), "set or show");
    assertThat(ok("index", "show").out()).isEqualTo(CONFIG + "\n");
  }

  private static void assertInvalid(Cli.Result r, String... mentions) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("engram: ").contains(mentions);
  }

  @Test
  void fieldsSplitAtCommasOutsideBraces() {
    assertThat(Args.indexFields(List.of("title,{a,b}", " c ", "x[*].text")))
        .containsExactly("title", "{a,b}", "c", "x[*].text");
  }
}
