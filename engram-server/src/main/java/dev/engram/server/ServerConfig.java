package dev.engram.server;

import dev.engram.InvalidInputException;
import dev.engram.core.Engram;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one Engram server, validated as a whole when loaded: every error names the
 * setting and where it came from.
 *
 * <p>{@link #load} reads each setting from, in order of precedence, the command line, the
 * environment ({@code ENGRAM_} and the name in upper case with {@code _} for {@code -}: {@code
 * ENGRAM_MAX_REQUEST_BYTES}) and a Java properties file named by {@code --config} or {@code
 * ENGRAM_CONFIG} ({@code max-request-bytes=4194304}). Durations are written {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 1h} or as ISO-8601 ({@code PT30S}); {@code off} disables the sweeper,
 * and makes conversations and checkpoint threads created without a TTL live until deleted.
 */
public final class ServerConfig {
  /** Each setting: its name in files and flags, its default, what it means. */
  enum Setting {
    STORE("store", Engram.DEFAULT_STORE_URI, "the store URI"),
    HOST("host", "127.0.0.1", "the address to listen on"),
    PORT("port", "8080", "the TCP port (0: any free port)"),
    KEYS_FILE("keys-file", "./engram-data/api-keys.json", "the API key file"),
    MAX_REQUEST_BYTES("max-request-bytes", String.valueOf(4 << 20), "the largest request body"),
    MAX_RESPONSE_BYTES("max-response-bytes", String.valueOf(64 << 20), "the largest response"),
    REQUEST_TIMEOUT("request-timeout", "30s", "the time one request may take"),
    SHUTDOWN_TIMEOUT("shutdown-timeout", "30s", "the time in-flight requests get at shutdown"),
    SWEEP_INTERVAL("sweep-interval", "1m", "the time between sweeps of expired items, or off"),
    CONVERSATION_TTL("conversation-ttl", "off",
        "the TTL of conversations saved or created without one, or off"),
    THREAD_TTL("thread-ttl", "off",
        "how long a checkpoint thread lives after its last write, or off"),
    THREAD_REFRESH_ON_READ("thread-refresh-on-read", "true",
        "whether reading a checkpoint thread restarts its TTL");

    final String key;
    final String defaultValue;
    final String meaning;

    Setting(String key, String defaultValue, String meaning) {
      this.key = key;
      this.defaultValue = defaultValue;
      this.meaning = meaning;
    }

    String envVar() {
      return "ENGRAM_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  /** The flag and environment variable that name a configuration file. */
  public static final String CONFIG_FLAG = "config";

  public static final String CONFIG_ENV_VAR = "ENGRAM_CONFIG";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Duration MIN_TTL = Duration.ofNanos(1000);

  private final String store;
  private final String host;
  private final int port;
  private final Path keysFile;
  private final long maxRequestBytes;
  private final long maxResponseBytes;
  private final Duration requestTimeout;
  private final Duration shutdownTimeout;
  private final @Nullable Duration sweepInterval;
  private final @Nullable Duration conversationTtl;
  private final @Nullable Duration threadTtl;
  private final boolean threadRefreshOnRead;

  private ServerConfig(Map<Setting, Sourced> values) {
    this.store = values.get(Setting.STORE).text();
    this.host = values.get(Setting.HOST).text();
    this.port = (int) values.get(Setting.PORT).integer(0, 65535);
    this.keysFile = Path.of(values.get(Setting.KEYS_FILE).text());
    this.maxRequestBytes = values.get(Setting.MAX_REQUEST_BYTES).integer(1024, Integer.MAX_VALUE);
    this.maxResponseBytes = values.get(Setting.MAX_RESPONSE_BYTES).integer(1024, Long.MAX_VALUE);
    this.requestTimeout = values.get(Setting.REQUEST_TIMEOUT).duration(false);
    this.shutdownTimeout = values.get(Setting.SHUTDOWN_TIMEOUT).duration(false);
    this.sweepInterval = values.get(Setting.SWEEP_INTERVAL).duration(true);
    this.conversationTtl = values.get(Setting.CONVERSATION_TTL).ttl();
    this.threadTtl = values.get(Setting.THREAD_TTL).ttl();
    this.threadRefreshOnRead = values.get(Setting.THREAD_REFRESH_ON_READ).bool();
  }

  /** Every setting at its default: the embedded store, open on 127.0.0.1:8080. */
  public static ServerConfig defaults() {
    return load(Map.of(), Map.of());
  }

  /**
   * Resolves the settings from the command line's flags, then the environment, then the file the
   * flag or variable {@value #CONFIG_FLAG} / {@value #CONFIG_ENV_VAR} names, then the defaults.
   *
   * @param flags setting name (e.g. {@code "port"}) to value, as given on the command line
   * @param env the environment
   * @throws InvalidInputException naming the setting and its source when a value is invalid, or
   *     when the file cannot be read or holds an unknown setting
   */
  public static ServerConfig load(Map<String, String> flags, Map<String, String> env) {
    String file = flags.get(CONFIG_FLAG) != null ? flags.get(CONFIG_FLAG) : env.get(CONFIG_ENV_VAR);
    Map<String, String> fromFile = file == null || file.isBlank() ? Map.of() : readFile(file);
    Map<Setting, Sourced> values = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      values.put(setting, pick(setting, flags, env, fromFile, file));
    }
    return new ServerConfig(values);
  }

  private static Sourced pick(
      Setting setting,
      Map<String, String> flags,
      Map<String, String> env,
      Map<String, String> fromFile,
      @Nullable String file) {
    if (flags.get(setting.key) != null) {
      return new Sourced(setting, flags.get(setting.key), "--" + setting.key);
    }
    String fromEnv = env.get(setting.envVar());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Sourced(setting, fromEnv.strip(), "$" + setting.envVar());
    }
    if (fromFile.containsKey(setting.key)) {
      return new Sourced(setting, fromFile.get(setting.key), file);
    }
    return new Sourced(setting, setting.defaultValue, "the default");
  }

  private static Map<String, String> readFile(String file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("cannot read configuration file " + file + ": " + e, e);
    }
    TreeSet<String> known = new TreeSet<>();
    for (Setting setting : Setting.values()) {
      known.add(setting.key);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(
            "unknown setting \"" + name + "\" in " + file + "; known: " + known);
      }
      values.put(name, properties.getProperty(name).strip());
    }
    return values;
  }

  /** The store URI to serve. */
  public String store() {
    return store;
  }

  public String host() {
    return host;
  }

  /** The port to listen on; 0 picks a free one (see {@link EngramServer#port()}). */
  public int port() {
    return port;
  }

  /** Where the API keys live (hashed); see {@link ApiKeyFile}. */
  public Path keysFile() {
    return keysFile;
  }

  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** The time between sweeps of expired items, or null when the server does not sweep. */
  public @Nullable Duration sweepInterval() {
    return sweepInterval;
  }

  /**
   * The TTL of conversations the server's own conversation store saves without one, and of those
   * an append creates; null: they live until deleted. A conversation's own {@code ttl} wins.
   */
  public @Nullable Duration conversationTtl() {
    return conversationTtl;
  }

  /**
   * How long a checkpoint thread of the server's own checkpoint store lives after its last write
   * (and, with {@link #threadRefreshOnRead()}, its last read); null: until deleted.
   */
  public @Nullable Duration threadTtl() {
    return threadTtl;
  }

  /** Whether reading a thread's checkpoints ({@code getTuple}, {@code list}) restarts its TTL. */
  public boolean threadRefreshOnRead() {
    return threadRefreshOnRead;
  }

  /** A copy with other values for some settings, by name (as in a file); for embedding and tests. */
  public ServerConfig with(Map<String, String> overrides) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put(Setting.STORE.key, store);
    flags.put(Setting.HOST.key, host);
    flags.put(Setting.PORT.key, String.valueOf(port));
    flags.put(Setting.KEYS_FILE.key, keysFile.toString());
    flags.put(Setting.MAX_REQUEST_BYTES.key, String.valueOf(maxRequestBytes));
    flags.put(Setting.MAX_RESPONSE_BYTES.key, String.valueOf(maxResponseBytes));
    flags.put(Setting.REQUEST_TIMEOUT.key, requestTimeout.toString());
    flags.put(Setting.SHUTDOWN_TIMEOUT.key, shutdownTimeout.toString());
    flags.put(Setting.SWEEP_INTERVAL.key, sweepInterval == null ? "off" : sweepInterval.toString());
    flags.put(Setting.CONVERSATION_TTL.key,
        conversationTtl == null ? "off" : conversationTtl.toString());
    flags.put(Setting.THREAD_TTL.key, threadTtl == null ? "off" : threadTtl.toString());
    flags.put(Setting.THREAD_REFRESH_ON_READ.key, String.valueOf(threadRefreshOnRead));
    flags.putAll(overrides);
    return load(flags, Map.of());
  }

  @Override
  public String toString() {
    return "ServerConfig[store=" + store + ", host=" + host + ", port=" + port
        + ", keysFile=" + keysFile + ", maxRequestBytes=" + maxRequestBytes
        + ", maxResponseBytes=" + maxResponseBytes + ", requestTimeout=" + requestTimeout
        + ", shutdownTimeout=" + shutdownTimeout + ", sweepInterval=" + sweepInterval
        + ", conversationTtl=" + conversationTtl + ", threadTtl=" + threadTtl
        + ", threadRefreshOnRead=" + threadRefreshOnRead + "]";
  }

  /** A setting's raw value and where it came from, for messages that say where to fix it. */
  private record Sourced(Setting setting, String value, String source) {
    String text() {
      if (value.isBlank()) {
        throw invalid("must not be empty");
      }
      return value;
    }

    long integer(long min, long max) {
      try {
        long n = Long.parseLong(value.strip());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid("must be a whole number from " + min + " to " + max);
    }

    @Nullable Duration duration(boolean offAllowed) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      if (offAllowed && text.equals("off")) {
        return null;
      }
      Duration d = null;
      Matcher m = DURATION.matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } else if (text.startsWith("pt")) {
        try {
          d = Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
          // reported below
        }
      }
      if (d == null || d.isZero() || d.isNegative()) {
        throw invalid("must be a positive duration such as 500ms, 30s, 5m or 1h"
            + (offAllowed ? ", or off" : ""));
      }
      return d;
    }

    /** A TTL: a duration of at least a microsecond (the stores' finest unit), or off. */
    @Nullable Duration ttl() {
      Duration d = duration(true);
      if (d != null && d.compareTo(MIN_TTL) < 0) {
        throw invalid("must be at least 1 microsecond, or off");
      }
      return d;
    }

    boolean bool() {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw invalid("must be true or false");
      };
    }

    private InvalidInputException invalid(String rule) {
      return new InvalidInputException(
          setting.key + " (" + setting.meaning + ") " + rule + ", was \"" + value
              + "\" from " + source);
    }
  }
}
