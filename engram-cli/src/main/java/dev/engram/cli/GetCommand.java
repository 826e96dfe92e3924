package dev.engram.cli;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.Store;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code engram get NS KEY}: prints an item, or exits 1 when there is none. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an item as one JSON line; exits 1 when it does not exist or has expired.",
      "Refreshes the item's TTL by the store's policy unless --no-refresh."
    })
final class GetCommand extends BaseCommand {
  @Mixin ItemAddress address;

  @Option(names = "--no-refresh", description = "Leave the item's TTL as it is.")
  boolean noRefresh;

  private Namespace namespace;

  @Override
  void prepare() {
    namespace = address.namespace();
  }

  @Override
  int run(Store store) {
    Optional<Item> item =
        noRefresh ? store.get(namespace, address.key, false) : store.get(namespace, address.key);
    if (item.isEmpty()) {
      io.error("no item \"" + address.key + "\" in namespace " + namespace);
      return ExitCodes.NOT_FOUND;
    }
    Output.line(io.out(), Output.item(item.get()));
    return ExitCodes.OK;
  }
}
