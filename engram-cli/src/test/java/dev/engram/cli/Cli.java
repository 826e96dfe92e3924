package dev.engram.cli;

import dev.engram.spi.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against one store and captures what it prints. */
final class Cli {
  private final String storeUri;
  private final Map<String, String> env = new HashMap<>();

  private Cli(String storeUri) {
    this.storeUri = storeUri;
  }

  /** A CLI whose commands all get {@code --store sqlite:DIR/x.db}. */
  static Cli sqlite(Path dir) {
    return new Cli("sqlite:" + dir.resolve("x.db"));
  }

  /** A CLI whose commands get {@code --store memory:} (a fresh store each invocation). */
  static Cli memory() {
    return new Cli("memory:");
  }

  /** A CLI that adds no {@code --store}. */
  static Cli bare() {
    return new Cli(null);
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  String storeUri() {
    return storeUri;
  }

  /** Runs with the given arguments (plus {@code --store}) and empty standard input. */
  Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  Result runWithInput(String stdin, String... args) {
    return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  Result runWithInput(byte[] stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (storeUri != null && !all.isEmpty() && !all.contains("--store")) {
      all.add("--store");
      all.add(storeUri);
    }
    return raw(stdin, env, all.toArray(String[]::new));
  }

  /** Runs exactly the given arguments. */
  static Result raw(byte[] stdin, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EngramCli.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What one run did. */
  record Result(int code, String out, String err) {
    /** The output's lines (JSON Lines), none for empty output. */
    List<String> lines() {
      return out.lines().toList();
    }

    /** The single output line parsed as a JSON object. */
    Map<String, Object> json() {
      List<String> lines = lines();
      if (lines.size() != 1) {
        throw new AssertionError("expected one line of output, got: " + this);
      }
      return JsonCodec.parseObject(lines.get(0), "output");
    }

    /** Every output line parsed as JSON. */
    List<Object> jsonLines() {
      return lines().stream().map(l -> JsonCodec.parse(l, "output line")).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }
}
