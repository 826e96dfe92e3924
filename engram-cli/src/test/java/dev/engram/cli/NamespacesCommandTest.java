package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespacesCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void fill() {
    cli = Cli.sqlite(dir);
    for (String ns :
        List.of("users.alice.prefs", "users.alice.notes", "users.bob.prefs", "teams.core", "a")) {
      Cli.Result r = cli.run("put", ns, "k", "{}");
      assertThat(r.code()).as(r.toString()).isZero();
    }
  }

  private List<Object> list(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "namespaces";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = cli.run(all);
    assertThat(r.code()).as(r.toString()).isZero();
    return r.jsonLines();
  }

  @Test
  void everyNamespaceSortedOneArrayPerLine() {
    Cli.Result r = cli.run("namespaces");

    assertThat(r.out())
        .isEqualTo(
            "[\"a\"]\n[\"teams\",\"core\"]\n[\"users\",\"alice\",\"notes\"]\n"
                + "[\"users\",\"alice\",\"prefs\"]\n[\"users\",\"bob\",\"prefs\"]\n");
  }

  @Test
  void prefixSuffixAndWildcards() {
    assertThat(list("--prefix", "users.alice"))
        .containsExactly(List.of("users", "alice", "notes"), List.of("users", "alice", "prefs"));
    assertThat(list("--suffix", "prefs"))
        .containsExactly(List.of("users", "alice", "prefs"), List.of("users", "bob", "prefs"));
    assertThat(list("--prefix", "users.*.prefs"))
        .containsExactly(List.of("users", "alice", "prefs"), List.of("users", "bob", "prefs"));
  }

  @Test
  void maxDepthCutsAndDeduplicates() {
    assertThat(list("--max-depth", "1"))
        .containsExactly(List.of("a"), List.of("teams"), List.of("users"));
    assertThat(list("--prefix", "users", "--max-depth", "2"))
        .containsExactly(List.of("users", "alice"), List.of("users", "bob"));
  }

  @Test
  void paging() {
    assertThat(list("--limit", "2")).containsExactly(List.of("a"), List.of("teams", "core"));
    assertThat(list("--limit", "2", "--offset", "4"))
        .containsExactly(List.of("users", "bob", "prefs"));
    assertThat(list("--offset", "10")).isEmpty();
  }

  @Test
  void badArgumentsAreInvalid() {
    assertThat(cli.run("namespaces", "--max-depth", "0").code()).isEqualTo(2);
    assertThat(cli.run("namespaces", "--limit", "0").code()).isEqualTo(2);
    assertThat(cli.run("namespaces", "--limit", "1001").code()).isEqualTo(2);
    Cli.Result badPrefix = cli.run("namespaces", "--prefix", ".users");
    assertThat(badPrefix.code()).isEqualTo(2);
    assertThat(badPrefix.err()).startsWith("engram: ").contains("--prefix");
  }

  @Test
  void anEmptyStoreListsNothing() {
    Cli.Result r = Cli.memory().run("namespaces");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
  }
}
