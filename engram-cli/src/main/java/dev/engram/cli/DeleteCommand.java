package dev.engram.cli;

import dev.engram.Namespace;
import dev.engram.Store;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code engram delete NS KEY}: removes an item; idempotent. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Removes an item; succeeds whether or not it existed.",
      "Prints {\"deleted\":true} when an item was removed, else {\"deleted\":false}."
    })
final class DeleteCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NS", description = "Namespace, dot-joined (users.alice).")
  String namespaceText;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key of the item.")
  String key;

  private Namespace namespace;

  @Override
  void prepare() {
    namespace = Args.itemNamespace(namespaceText);
  }

  @Override
  int run(Store store) {
    boolean deleted = store.delete(namespace, key);
    Output.line(io.out(), Map.of("deleted", deleted));
    return ExitCodes.OK;
  }
}
