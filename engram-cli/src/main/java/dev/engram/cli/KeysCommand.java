package dev.engram.cli;

import dev.engram.Namespace;
import dev.engram.server.ApiKey;
import dev.engram.server.ApiKeyFile;
import dev.engram.server.Scope;
import dev.engram.server.ServerConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram keys create|list|revoke}: the server's API keys, kept hashed in its key file (the
 * setting {@code keys-file}, resolved like {@code engram serve}'s). A running server applies
 * changes within a second.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Creates, lists and revokes the server's API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.ParentCommand EngramCli cli;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: create, list or revoke");
  }

  /** Where the key file is: the same settings as {@code engram serve}. */
  static class FileOptions {
    @Option(names = "--keys-file", paramLabel = "FILE",
        description = "API key file (default: $ENGRAM_KEYS_FILE, the --config file's keys-file,"
            + " else ./engram-data/api-keys.json).")
    @Nullable String keysFile;

    @Option(names = "--config", paramLabel = "FILE", description = "Server properties file.")
    @Nullable String config;

    ApiKeyFile open(Io io) {
      Map<String, String> flags = new LinkedHashMap<>();
      if (keysFile != null) {
        flags.put("keys-file", keysFile);
      }
      if (config != null) {
        flags.put(ServerConfig.CONFIG_FLAG, config);
      }
      return ApiKeyFile.at(ServerConfig.load(flags, io.env()).keysFile());
    }
  }

  static Map<String, Object> json(ApiKey key) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", key.id());
    json.put("scopes", key.scopes().stream().sorted().map(Scope::label).toList());
    json.put("grants", key.grants().stream().map(Namespace::toString).toList());
    json.put("label", key.label());
    json.put("created_at", key.createdAt().toString());
    json.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    return json;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a key and prints it once, with its id: store it now.")
  static final class Create extends KeysSubcommand {
    @Option(names = "--scope", paramLabel = "SCOPE", required = true,
        description = "read, write (includes read) or admin (includes both); repeatable.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--grant", paramLabel = "NAMESPACE",
        description = "A namespace the key may touch, with everything under it (e.g."
            + " users.alice); repeatable. None: every namespace.")
    List<String> grants = new ArrayList<>();

    @Option(names = "--label", paramLabel = "TEXT", description = "A note for people.")
    @Nullable String label;

    @Override
    int run(ApiKeyFile file) {
      EnumSet<Scope> parsed = EnumSet.noneOf(Scope.class);
      scopes.forEach(scope -> parsed.add(Scope.parse(scope)));
      List<Namespace> namespaces = grants.stream().map(Namespace::parse).toList();
      ApiKeyFile.CreatedKey created = file.create(parsed, namespaces, label);
      Map<String, Object> json = json(created.key());
      json.put("key", created.plaintext());
      Output.line(io.out(), json);
      io.error("this key is shown once; the file " + file.path() + " keeps only its hash");
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Prints every key (never a secret), one JSON object per line.")
  static final class ListKeys extends KeysSubcommand {
    @Override
    int run(ApiKeyFile file) {
      file.list().forEach(key -> Output.line(io.out(), json(key)));
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a key by id; exits 1 when no active key has it.")
  static final class Revoke extends KeysSubcommand {
    @Parameters(paramLabel = "ID", description = "The key's id, e.g. k_3f9a0c1d2e4b.")
    String id;

    @Override
    int run(ApiKeyFile file) {
      Output.line(io.out(), json(file.revoke(id)));
      return ExitCodes.OK;
    }
  }
}
