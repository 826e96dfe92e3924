package dev.engram.cli;

import dev.engram.Namespace;
import dev.engram.Store;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code engram delete NS KEY}: removes an item; idempotent. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Removes an item; succeeds whether or not it existed.",
      "Prints {\"deleted\":true} when an item was removed, else {\"deleted\":false}."
    })
final class DeleteCommand extends BaseCommand {
  @Mixin ItemAddress address;

  private Namespace namespace;

  @Override
  void prepare() {
    namespace = address.namespace();
  }

  @Override
  int run(Store store) {
    boolean deleted = store.delete(namespace, address.key);
    Output.line(io.out(), Map.of("deleted", deleted));
    return ExitCodes.OK;
  }
}
