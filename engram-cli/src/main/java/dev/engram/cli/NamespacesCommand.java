package dev.engram.cli;

import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram namespaces}: prints the namespaces that hold items, one JSON array per line. */
@Command(
    name = "namespaces",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the namespaces that hold at least one item, one JSON array per line.",
      "Sorted; each line is the namespace's labels. In --prefix and --suffix a label *",
      "matches any one label."
    })
final class NamespacesCommand extends BaseCommand {
  @Option(names = "--prefix", paramLabel = "NS", description = "Only namespaces starting so.")
  String prefix;

  @Option(names = "--suffix", paramLabel = "NS", description = "Only namespaces ending so.")
  String suffix;

  @Option(
      names = "--max-depth",
      paramLabel = "N",
      description = "Cut namespaces to at most N labels (then de-duplicate).")
  Integer maxDepth;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Most namespaces to print, 1-" + NamespaceQuery.MAX_LIMIT + " (default: "
          + NamespaceQuery.DEFAULT_LIMIT + ").")
  Integer limit;

  @Option(names = "--offset", paramLabel = "N", description = "Namespaces to skip (default: 0).")
  Integer offset;

  private NamespaceQuery query;

  @Override
  void prepare() {
    NamespaceQuery.Builder builder = NamespaceQuery.builder();
    if (prefix != null) {
      builder.prefix(Args.namespace(prefix, "--prefix"));
    }
    if (suffix != null) {
      builder.suffix(Args.namespace(suffix, "--suffix"));
    }
    if (maxDepth != null) {
      builder.maxDepth(maxDepth);
    }
    if (limit != null) {
      builder.limit(limit);
    }
    if (offset != null) {
      builder.offset(offset);
    }
    query = builder.build();
  }

  @Override
  int run(Store store) {
    for (Namespace namespace : store.listNamespaces(query)) {
      Output.line(io.out(), Output.namespace(namespace));
    }
    return ExitCodes.OK;
  }
}
