package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvCommandTest {
  @TempDir Path dir;

  @Test
  void appendCreatesAndCountsThenShowPrintsTheConversation() {
    Cli cli = Cli.sqlite(dir);
    Cli.Result first = cli.run("conv", "append", "c1",
        "{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi 😀\"}");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.json()).isEqualTo(Map.of("id", "c1", "message_count", 1));

    Cli.Result second = cli.run("conv", "append", "c1",
        "[{\"id\":\"m2\",\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
            + "[{\"id\":\"call_1\",\"name\":\"search\",\"arguments\":{\"q\":\"x\"}}]},"
            + "{\"id\":\"m3\",\"role\":\"tool\",\"content\":\"found\",\"tool_call_id\":\"call_1\"}]");
    assertThat(second.json().get("message_count")).isEqualTo(3);

    Cli.Result show = cli.run("conv", "show", "c1");
    assertThat(show.code()).as(show.toString()).isZero();
    Map<String, Object> c = show.json();
    assertThat(c).containsOnlyKeys("id", "messages", "message_count", "created_at", "updated_at",
        "expires_at", "metadata");
    assertThat(c.get("message_count")).isEqualTo(3);
    assertThat(c.get("expires_at")).isNull();
    List<?> messages = (List<?>) c.get("messages");
    assertThat(messages).hasSize(3);
    assertThat(((Map<?, ?>) messages.get(0)).get("content")).isEqualTo("hi 😀");
    assertThat(((Map<?, ?>) messages.get(1)).get("tool_calls")).isEqualTo(
        List.of(Map.of("id", "call_1", "name", "search", "arguments", Map.of("q", "x"))));
    assertThat(((Map<?, ?>) messages.get(2)).get("tool_call_id")).isEqualTo("call_1");
  }

  @Test
  void appendIsIdempotentAndReadsStandardInput() {
    Cli cli = Cli.sqlite(dir);
    String message = "{\"id\":\"m1\",\"role\":\"user\",\"content\":\"once\"}";
    cli.runWithInput(message, "conv", "append", "c1", "-");
    Cli.Result again = cli.runWithInput(message, "conv", "append", "c1", "-");
    assertThat(again.json().get("message_count")).isEqualTo(1);
  }

  @Test
  void showWithLastGivesTheTailAndTheTotal() {
    Cli cli = Cli.sqlite(dir);
    for (int i = 1; i <= 4; i++) {
      cli.run("conv", "append", "c1", "{\"id\":\"m" + i + "\",\"role\":\"user\",\"content\":\"x\"}");
    }
    Map<String, Object> c = cli.run("conv", "show", "c1", "--last", "2").json();
    assertThat(((List<?>) c.get("messages")).stream().map(m -> ((Map<?, ?>) m).get("id"))
        .toList()).isEqualTo(List.of("m3", "m4"));
    assertThat(c.get("message_count")).isEqualTo(4);
  }

  @Test
  void absentConversationsExitOne() {
    Cli cli = Cli.sqlite(dir);
    for (String[] args : List.of(new String[] {"conv", "show", "nope"},
        new String[] {"conv", "delete", "nope"}, new String[] {"conv", "ttl", "nope"})) {
      Cli.Result result = cli.run(args);
      assertThat(result.code()).as(result.toString()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).startsWith("engram: ").contains("nope");
    }
  }

  @Test
  void listPrintsOneLinePerConversation() {
    Cli cli = Cli.sqlite(dir);
    cli.run("conv", "append", "b", "{\"role\":\"user\",\"content\":\"x\"}");
    cli.run("conv", "append", "a", "[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"content\":\"y\"}]");

    Cli.Result list = cli.run("conv", "list");
    assertThat(list.lines()).hasSize(2);
    Map<?, ?> first = (Map<?, ?>) list.jsonLines().get(0);
    assertThat(List.copyOf(first.keySet())).isEqualTo(List.of("id", "message_count", "updated_at"));
    assertThat(first.get("id")).isEqualTo("a");
    assertThat(first.get("message_count")).isEqualTo(2);
    assertThat(cli.run("conv", "list", "--limit", "1").lines()).hasSize(1);
  }

  @Test
  void ttlCanBeSetReadAndCleared() {
    Cli cli = Cli.sqlite(dir);
    cli.run("conv", "append", "c1", "{\"role\":\"user\",\"content\":\"x\"}");
    assertThat(cli.run("conv", "ttl", "c1").json()).containsEntry("remaining_seconds", null);

    Cli.Result set = cli.run("conv", "ttl", "c1", "--set", "30");
    assertThat(set.code()).as(set.toString()).isZero();
    Number remaining = (Number) set.json().get("remaining_seconds");
    assertThat(remaining.doubleValue()).isBetween(1700.0, 1800.0);
    assertThat(cli.run("conv", "show", "c1").json().get("expires_at")).isNotNull();

    assertThat(cli.run("conv", "ttl", "c1", "--clear").json())
        .containsEntry("remaining_seconds", null);
    assertThat(cli.run("conv", "ttl", "c1", "--set", "0").code()).isEqualTo(2);
    assertThat(cli.run("conv", "ttl", "c1", "--set", "0").err()).contains("--set");
    assertThat(cli.run("conv", "ttl", "c1", "--set", "5", "--clear").code()).isEqualTo(2);
  }

  @Test
  void deleteStatsAndCleanup() {
    Cli cli = Cli.sqlite(dir);
    cli.run("conv", "append", "c1", "[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"user\",\"content\":\"y\"}]");
    cli.run("conv", "append", "c2", "{\"role\":\"user\",\"content\":\"x\"}");

    Map<String, Object> stats = cli.run("conv", "stats").json();
    assertThat(stats).containsEntry("conversations", 2).containsEntry("messages", 3)
        .containsEntry("expired", 0).containsKey("storage_bytes");
    assertThat(cli.run("conv", "delete", "c1").json()).isEqualTo(Map.of("deleted", true));
    assertThat(cli.run("conv", "stats").json()).containsEntry("conversations", 1);
    assertThat(cli.run("conv", "cleanup").json()).isEqualTo(Map.of("removed", 0));
  }

  @Test
  void badMessagesExitTwoNamingTheProblem() {
    Cli cli = Cli.sqlite(dir);
    Cli.Result result = cli.run("conv", "append", "c1", "{\"role\":\"robot\",\"content\":\"x\"}");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("robot");
    assertThat(cli.run("conv", "append", "c1", "{\"content\":\"x\"}").err()).contains("role");
    assertThat(cli.run("conv", "append", "c1", "not json").code()).isEqualTo(2);
    assertThat(cli.run("conv", "append", "c1", "42").code()).isEqualTo(2);
    assertThat(cli.run("conv").code()).isEqualTo(2);
  }
}
