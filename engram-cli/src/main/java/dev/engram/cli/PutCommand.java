package dev.engram.cli;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.Store;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram put NS KEY JSON}: creates or replaces an item and prints it. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or replaces an item and prints it as one JSON line.",
      "A replacement keeps created_at and increments version."
    })
final class PutCommand extends BaseCommand {
  @Mixin ItemAddress address;

  @Parameters(
      index = "2",
      paramLabel = "JSON",
      description = "The value: a JSON object, or - to read it from standard input.")
  String json;

  @Option(
      names = "--ttl",
      paramLabel = "MINUTES",
      description = "Expire the item this many minutes after the put (fractions allowed: 0.5 = 30 s).")
  @Nullable String ttl;

  @Option(
      names = "--if-version",
      paramLabel = "N",
      description = "Write only if the item's current version is N (0: only if it does not exist).")
  @Nullable Long ifVersion;

  private Namespace namespace;
  private Map<String, Object> value;
  private PutOptions options;

  @Override
  void prepare() {
    namespace = address.namespace();
    PutOptions.Builder builder = PutOptions.builder();
    if (ttl != null) {
      builder.ttl(Args.ttlMinutes(ttl));
    }
    if (ifVersion != null) {
      builder.ifVersion(ifVersion);
    }
    options = builder.build();
    value = Args.jsonObject(json, io.in(), "value");
  }

  @Override
  int run(Store store) {
    Item item = store.put(namespace, address.key, value, options);
    Output.line(io.out(), Output.item(item));
    return ExitCodes.OK;
  }
}
