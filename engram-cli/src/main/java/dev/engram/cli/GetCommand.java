package dev.engram.cli;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.Store;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram get NS KEY}: prints an item, or exits 1 when there is none. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an item as one JSON line; exits 1 when it does not exist or has expired.",
      "Refreshes the item's TTL by the store's policy unless --no-refresh."
    })
final class GetCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NS", description = "Namespace, dot-joined (users.alice).")
  String namespaceText;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key of the item.")
  String key;

  @Option(names = "--no-refresh", description = "Leave the item's TTL as it is.")
  boolean noRefresh;

  private Namespace namespace;

  @Override
  void prepare() {
    namespace = Args.itemNamespace(namespaceText);
  }

  @Override
  int run(Store store) {
    Optional<Item> item = noRefresh ? store.get(namespace, key, false) : store.get(namespace, key);
    if (item.isEmpty()) {
      io.error("no item \"" + key + "\" in namespace " + namespace);
      return ExitCodes.NOT_FOUND;
    }
    Output.line(io.out(), Output.item(item.get()));
    return ExitCodes.OK;
  }
}
