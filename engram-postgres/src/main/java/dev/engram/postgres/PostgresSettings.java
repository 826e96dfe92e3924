package dev.engram.postgres;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendUri;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code postgresql://user:pass@host:port/db?params} URI asks for, checked at once so that a
 * typo fails on open instead of behaving differently later.
 *
 * <p>Defaults follow libpq where a user would expect them to: port 5432, the operating-system user
 * when none is given, and a database named after the user.
 *
 * @param host the server's host name or address (IPv6 without brackets)
 * @param port the server's TCP port
 * @param database the database to connect to
 * @param user the role to log in as
 * @param password the password, or null for none (trust, peer or a .pgpass-less setup)
 * @param schema the schema holding Engram's tables, created on open when missing
 * @param poolSize the most connections this store keeps open
 * @param connectTimeoutMs how long an operation waits for a connection before failing
 * @param socketTimeoutMs how long a statement waits for the server before the connection counts as
 *     lost
 * @param sslMode pgjdbc's {@code sslmode}, or null for the driver's default
 * @param prepareThreshold how many runs of a statement before the driver prepares it on the server
 *     (pgjdbc's {@code prepareThreshold}); 0 never does, which connection poolers in transaction
 *     mode and single-session servers need, since they cannot keep named statements per client
 */
record PostgresSettings(
    String host,
    int port,
    String database,
    String user,
    @Nullable String password,
    String schema,
    int poolSize,
    int connectTimeoutMs,
    int socketTimeoutMs,
    @Nullable String sslMode,
    int prepareThreshold) {

  static final int DEFAULT_PORT = 5432;
  static final String DEFAULT_SCHEMA = "public";
  static final int DEFAULT_POOL_SIZE = 10;
  static final int MAX_POOL_SIZE = 1000;
  static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
  static final int DEFAULT_SOCKET_TIMEOUT_MS = 30_000;
  /** pgjdbc's default. */
  static final int DEFAULT_PREPARE_THRESHOLD = 5;
  /** HikariCP refuses to wait less than this for a connection. */
  static final int MIN_TIMEOUT_MS = 250;

  private static final Set<String> PARAMS =
      Set.of(
          "schema", "poolSize", "connectTimeoutMs", "socketTimeoutMs", "sslmode",
          "prepareThreshold");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * The schema name is spliced into SQL as an identifier (identifiers cannot be bound), so only
   * plain lower-case names are accepted: nothing that needs quoting, nothing that folds case.
   */
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  static PostgresSettings from(BackendUri uri) {
    uri.requireOnlyParams(PARAMS);
    String target = uri.target();
    if (!target.startsWith("//") || target.length() == 2) {
      throw invalid(uri, "must name a server: " + uri.scheme() + "://user:password@host:port/db");
    }
    String rest = target.substring(2);
    // The last '@' ends the user info, so a password may hold '/' or ':' unencoded.
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? null : rest.substring(0, at);
    String hostPortDb = rest.substring(at + 1);
    int slash = hostPortDb.indexOf('/');
    String hostPort = slash < 0 ? hostPortDb : hostPortDb.substring(0, slash);
    String dbPart = slash < 0 ? "" : decode(uri, hostPortDb.substring(slash + 1), "database");

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(uri, colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
      password = colon < 0 ? null : decode(uri, userInfo.substring(colon + 1), "password");
    }
    if (user == null || user.isEmpty()) {
      user = System.getProperty("user.name", "postgres");
    }

    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(uri, "has an unterminated IPv6 address");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (after.startsWith(":")) {
        portText = after.substring(1);
      } else if (!after.isEmpty()) {
        throw invalid(uri, "has text after the IPv6 address");
      }
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(uri, "names no host");
    }
    if (host.contains(",")) {
      throw invalid(uri, "names several hosts; give one (a proxy or DNS name for failover)");
    }
    int port = portText == null || portText.isEmpty() ? DEFAULT_PORT : port(uri, portText);
    String database = dbPart.isEmpty() ? user : dbPart;

    String schema = uri.params().getOrDefault("schema", DEFAULT_SCHEMA);
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new InvalidInputException(
          "store URI parameter schema must be a lower-case name of letters, digits and '_'"
              + " (at most 63, not starting with a digit), was \"" + schema + "\"");
    }
    int poolSize = uri.intParam("poolSize", DEFAULT_POOL_SIZE);
    if (poolSize > MAX_POOL_SIZE) {
      throw new InvalidInputException(
          "store URI parameter poolSize must be at most " + MAX_POOL_SIZE + ", was " + poolSize);
    }
    int connectTimeoutMs = timeout(uri, "connectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS);
    int socketTimeoutMs = timeout(uri, "socketTimeoutMs", DEFAULT_SOCKET_TIMEOUT_MS);
    String sslMode = uri.params().get("sslmode");
    if (sslMode != null) {
      sslMode = sslMode.toLowerCase(Locale.ROOT);
      if (!SSL_MODES.contains(sslMode)) {
        throw new InvalidInputException(
            "store URI parameter sslmode must be one of " + SSL_MODES + ", was \""
                + uri.params().get("sslmode") + "\"");
      }
    }
    return new PostgresSettings(
        host, port, database, user, password, schema, poolSize, connectTimeoutMs,
        socketTimeoutMs, sslMode, prepareThreshold(uri));
  }

  /** Not {@link BackendUri#intParam}: 0 is meaningful here. */
  private static int prepareThreshold(BackendUri uri) {
    String text = uri.params().get("prepareThreshold");
    if (text == null) {
      return DEFAULT_PREPARE_THRESHOLD;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "store URI parameter prepareThreshold must be a whole number of at least 0, was \""
            + text + "\"");
  }

  private static int timeout(BackendUri uri, String name, int defaultValue) {
    int value = uri.intParam(name, defaultValue);
    if (value < MIN_TIMEOUT_MS) {
      throw new InvalidInputException(
          "store URI parameter " + name + " must be at least " + MIN_TIMEOUT_MS + ", was " + value);
    }
    return value;
  }

  private static int port(BackendUri uri, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(uri, "has an invalid port \"" + text + "\"");
  }

  private static String decode(BackendUri uri, String text, String what) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Never echo the text: it may be the password.
      throw invalid(uri, "has a malformed percent-encoding in the " + what);
    }
  }

  private static InvalidInputException invalid(BackendUri uri, String problem) {
    return new InvalidInputException("store URI " + uri.redacted() + " " + problem);
  }

  /**
   * The store's name in messages and logs: the address without the password, plus the schema,
   * which is what tells two stores on one database apart.
   */
  String storeName() {
    String hostText = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "postgresql://" + user + "@" + hostText + ":" + port + "/" + database + "?schema="
        + schema;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "PostgresSettings[" + storeName() + ", poolSize=" + poolSize + ", connectTimeoutMs="
        + connectTimeoutMs + ", socketTimeoutMs=" + socketTimeoutMs + ", sslmode=" + sslMode
        + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
