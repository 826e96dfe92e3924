package dev.engram.cli;

import dev.engram.IndexConfig;
import dev.engram.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram index set|show}: the store's search index configuration, which is stored with the
 * data so that every process opening the store (the CLI, a server) indexes and queries alike.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Configures how the store indexes items for search --query, or shows it.",
    subcommands = {IndexCommand.SetIndex.class, IndexCommand.ShowIndex.class})
final class IndexCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: set or show (try 'engram index --help')");
  }

  /** A configuration as the commands print it. */
  static Map<String, Object> json(IndexConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("embedder", config.embedder());
    json.put("dimensions", config.dimensions());
    json.put("fields", config.fields());
    return json;
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Stores the index configuration, then indexes what is already stored (a progress bar on",
        "standard error when it is a terminal), and prints the configuration as stored, with the",
        "embedder's exact model id and dimensions. Items already indexed the same way are kept."
      })
  static final class SetIndex extends BaseCommand {
    @Option(
        names = "--embedder",
        paramLabel = "EMBEDDER",
        description = "local (default: the model Engram ships, offline, no key), openai:MODEL"
            + " (an OpenAI-compatible service; see docs/search.md), or an exact model id.")
    String embedder = IndexConfig.LOCAL_EMBEDDER;

    @Option(
        names = "--fields",
        paramLabel = "PATH,...",
        description = "The parts of each value to embed (default: $, the whole value): a.b,"
            + " arr[*].text, arr[0], {title,body}; comma-separated or repeated.")
    List<String> fields = new ArrayList<>();

    private IndexConfig config;

    @Override
    void prepare() {
      IndexConfig.Builder builder = IndexConfig.builder().embedder(embedder);
      if (!fields.isEmpty()) {
        builder.fields(Args.indexFields(fields));
      }
      config = builder.build();
    }

    @Override
    int run(Store store) {
      ProgressBar bar = ProgressBar.onTerminal(io.err());
      IndexConfig stored;
      try {
        stored = store.configureIndex(config, bar.reporting("indexing"));
      } finally {
        bar.finish();
      }
      Output.line(io.out(), json(stored));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints the index configuration as JSON; exits 1 when the store has none.")
  static final class ShowIndex extends BaseCommand {
    @Override
    int run(Store store) {
      Optional<IndexConfig> config = store.indexConfig();
      if (config.isEmpty()) {
        io.error(storeOptions.resolve(io.env()) + " has no index configuration;"
            + " create one with 'engram index set'");
        return ExitCodes.NOT_FOUND;
      }
      Output.line(io.out(), json(config.get()));
      return ExitCodes.OK;
    }
  }
}
