package dev.engram.cli;

import dev.engram.Namespace;
import picocli.CommandLine.Parameters;

/** The {@code NS KEY} arguments that address one item, shared by put, get and delete. */
final class ItemAddress {
  @Parameters(index = "0", paramLabel = "NS", description = "Namespace, dot-joined (users.alice).")
  String namespaceText;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key of the item.")
  String key;

  /** The namespace, checked: at least one well-formed label. */
  Namespace namespace() {
    return Args.itemNamespace(namespaceText);
  }
}
