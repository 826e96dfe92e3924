package dev.engram.redis;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendUri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code redis://} or {@code redis-cluster://} URI asks for, checked at once so that a typo
 * fails on open. The password never reaches {@link #storeName()} or {@link #toString()}.
 *
 * @param cluster whether the nodes are seeds of a Redis Cluster
 * @param nodes one server, or the cluster's seed nodes
 * @param user the ACL user, or null for the default user
 * @param password the password, or null for none
 * @param database the logical database (standalone only)
 * @param prefix the first part of every key of this store
 * @param timeout how long a command (and a connect) may take before it fails
 */
record RedisSettings(
    boolean cluster,
    List<Node> nodes,
    @Nullable String user,
    @Nullable String password,
    int database,
    String prefix,
    Duration timeout) {
  static final String STANDALONE_SCHEME = "redis";
  static final String CLUSTER_SCHEME = "redis-cluster";
  static final String DEFAULT_PREFIX = "engram";
  static final int DEFAULT_TIMEOUT_MS = 5000;
  static final int DEFAULT_PORT = 6379;
  private static final Set<String> PARAMS = Set.of("prefix", "timeoutMs");
  // No braces (they delimit the hash tag), no ':' (it ends the prefix inside every key), and no
  // glob characters, so that the prefix alone tells which keys belong to the store.
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** A server address. */
  record Node(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  static RedisSettings from(BackendUri uri) {
    String shown = uri.redacted();
    uri.requireOnlyParams(PARAMS);
    boolean cluster = uri.scheme().equals(CLUSTER_SCHEME);
    String form =
        cluster
            ? "redis-cluster://[user:password@]host:port,host:port,...[?prefix=NAME&timeoutMs=N]"
            : "redis://[user:password@]host:port[/db][?prefix=NAME&timeoutMs=N]";
    String target = uri.target();
    if (!target.startsWith("//") || target.length() == 2) {
      throw new InvalidInputException("store URI " + shown + " must have the form " + form);
    }
    String rest = target.substring(2);
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? null : rest.substring(0, at);
    String hostsAndPath = rest.substring(at + 1);
    int slash = hostsAndPath.indexOf('/');
    String hosts = slash < 0 ? hostsAndPath : hostsAndPath.substring(0, slash);
    String path = slash < 0 ? "" : hostsAndPath.substring(slash + 1);

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      user = rawUser.isEmpty() ? null : decode(rawUser, shown);
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), shown);
    }
    List<Node> nodes = nodes(hosts, shown, form);
    if (!cluster && nodes.size() > 1) {
      throw new InvalidInputException(
          "store URI " + shown + " names " + nodes.size() + " servers; use redis-cluster:// for"
              + " a Redis Cluster, or one host:port");
    }
    int database = database(path, cluster, shown);
    String prefix = uri.params().getOrDefault("prefix", DEFAULT_PREFIX);
    if (!PREFIX.matcher(prefix).matches()) {
      throw new InvalidInputException(
          "store URI parameter prefix must be 1-64 letters, digits, '_', '-' or '.', was \""
              + prefix + "\"");
    }
    Duration timeout = Duration.ofMillis(uri.intParam("timeoutMs", DEFAULT_TIMEOUT_MS));
    return new RedisSettings(cluster, List.copyOf(nodes), user, password, database, prefix,
        timeout);
  }

  private static List<Node> nodes(String hosts, String shown, String form) {
    if (hosts.isEmpty()) {
      throw new InvalidInputException("store URI " + shown + " names no host; use " + form);
    }
    List<Node> nodes = new ArrayList<>();
    for (String part : hosts.split(",", -1)) {
      nodes.add(node(part, shown));
    }
    return nodes;
  }

  private static Node node(String text, String shown) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new InvalidInputException("store URI " + shown + " has an unclosed '[' in " + text);
      }
      host = text.substring(1, close);
      String after = text.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new InvalidInputException("store URI " + shown + " has a bad address: " + text);
        }
        port = after.substring(1);
      }
    } else {
      int colon = text.lastIndexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new InvalidInputException(
          "store URI " + shown + " has an address without a host: \"" + text + "\"");
    }
    int number = DEFAULT_PORT;
    if (port != null) {
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = -1;
      }
      if (number < 1 || number > 65535) {
        throw new InvalidInputException(
            "store URI " + shown + " has a bad port in \"" + text + "\" (1-65535)");
      }
    }
    return new Node(host, number);
  }

  private static int database(String path, boolean cluster, String shown) {
    if (path.isEmpty()) {
      return 0;
    }
    if (cluster) {
      throw new InvalidInputException(
          "store URI " + shown + " selects a database, but Redis Cluster has only database 0;"
              + " use the prefix parameter to separate stores");
    }
    try {
      int db = Integer.parseInt(path);
      if (db >= 0) {
        return db;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "store URI " + shown + " has a bad database \"" + path + "\" (a number, 0 or more)");
  }

  /** Percent-decoding of the user info; unlike form decoding it keeps '+' as it is. */
  private static String decode(String text, String shown) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new InvalidInputException("store URI " + shown + " has a bad %-escape");
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new InvalidInputException("store URI " + shown + " has a bad %-escape");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Names the store in messages and logs: servers, database and prefix, never the password. */
  String storeName() {
    StringBuilder s = new StringBuilder(cluster ? CLUSTER_SCHEME : STANDALONE_SCHEME).append("://");
    if (user != null || password != null) {
      s.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
    }
    for (int i = 0; i < nodes.size(); i++) {
      s.append(i == 0 ? "" : ",").append(nodes.get(i));
    }
    if (database != 0) {
      s.append('/').append(database);
    }
    return s.append("?prefix=").append(prefix).toString();
  }

  @Override
  public String toString() {
    return "RedisSettings[" + storeName() + ", timeout=" + timeout.toMillis() + "ms]";
  }
}
