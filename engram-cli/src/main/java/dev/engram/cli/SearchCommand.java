package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram search [PREFIX]}: prints matching items, one JSON object per line; with {@code
 * --query}, ranked by it and each with its {@code score}.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the items under a namespace prefix that match a filter, as JSON Lines.",
      "Newest first, one JSON object per line; prints nothing when none match.",
      "With --query: the indexed items (see 'engram index'), best match first, each with its",
      "score: cosine similarity (vector, the default), BM25 (keyword), or reciprocal rank",
      "fusion of both (hybrid).",
      "Filter: a JSON object; a bare value means equality; operators $eq $ne $gt $gte $lt $lte",
      "$in $nin $exists; a dotted key is a path into nested objects."
    })
final class SearchCommand extends BaseCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PREFIX",
      description = "Namespace prefix, dot-joined; whole labels only (default: everything).")
  String prefix = "";

  @Option(names = "--filter", paramLabel = "JSON", description = "Filter, a JSON object.")
  String filter;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Most items to print, 1-" + SearchRequest.MAX_LIMIT + " (default: "
          + SearchRequest.DEFAULT_LIMIT + ").")
  Integer limit;

  @Option(names = "--offset", paramLabel = "N", description = "Items to skip (default: 0).")
  Integer offset;

  @Option(names = "--query", paramLabel = "TEXT", description = "Natural-language query.")
  String query;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "How --query ranks: vector (default), keyword or hybrid.")
  String mode;

  @Option(names = "--no-refresh", description = "Leave the found items' TTLs as they are.")
  boolean noRefresh;

  private SearchRequest request;

  @Override
  void prepare() {
    SearchRequest.Builder builder =
        SearchRequest.builder().namespacePrefix(Args.namespace(prefix, "namespace prefix"));
    if (filter != null) {
      builder.filter(Args.jsonObject(filter, io.in(), "--filter"));
    }
    if (limit != null) {
      builder.limit(limit);
    }
    if (offset != null) {
      builder.offset(offset);
    }
    if (query != null) {
      builder.query(query);
    }
    if (mode != null) {
      if (query == null) {
        throw new InvalidInputException("--mode needs --query");
      }
      builder.mode(Args.searchMode(mode));
    }
    if (noRefresh) {
      builder.refreshTtl(false);
    }
    request = builder.build();
  }

  @Override
  int run(Store store) {
    for (SearchItem found : store.search(request)) {
      Output.line(io.out(), Output.searchItem(found));
    }
    return ExitCodes.OK;
  }
}
