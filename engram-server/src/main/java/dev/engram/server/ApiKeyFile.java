package dev.engram.server;

import dev.engram.BackendUnavailableException;
import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.NotFoundException;
import dev.engram.spi.JsonCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The API keys of a server, in a JSON file that holds only SHA-256 hashes of the secrets. A key
 * reads {@code egk_<id>_<secret>}: the id finds the record, the 256-bit random secret is checked
 * against its hash in constant time. A secret that long cannot be guessed, so a fast hash is the
 * right one (a slow password hash would only slow every request).
 *
 * <p>The file lives outside the store on purpose: no store operation, search or export can ever
 * reach a key record. Writers take a lock beside the file and replace it atomically, so concurrent
 * {@code engram keys} commands never lose a key, and a running server picks up the new file (see
 * {@link #snapshot()}).
 */
public final class ApiKeyFile {
  static final String TOKEN_PREFIX = "egk_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final Path path;
  private final Clock clock;

  private ApiKeyFile(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
  }

  /** The key file at {@code path}; it is created by the first {@link #create}. */
  public static ApiKeyFile at(Path path) {
    return new ApiKeyFile(path, Clock.systemUTC());
  }

  /** A new key and its plaintext, which exists only here: the file keeps its hash. */
  public record CreatedKey(ApiKey key, String plaintext) {
    @Override
    public String toString() {
      return "CreatedKey[" + key + "]"; // never the plaintext
    }
  }

  public Path path() {
    return path;
  }

  /**
   * Creates and records a key.
   *
   * @param scopes at least one
   * @param grants the namespaces the key may touch (and everything under them); empty for all
   * @throws InvalidInputException when there is no scope or a grant is the root namespace
   */
  public CreatedKey create(Set<Scope> scopes, List<Namespace> grants, @Nullable String label) {
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidInputException("a key needs at least one scope (read, write or admin)");
    }
    for (Namespace grant : grants) {
      if (grant.isRoot()) {
        throw new InvalidInputException(
            "a grant must name a namespace; give no grant for a key that may touch every namespace");
      }
    }
    String id = "k_" + HEX.formatHex(randomBytes(6));
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    ApiKey key =
        new ApiKey(id, EnumSet.copyOf(scopes), minimal(grants), label,
            clock.instant().truncatedTo(ChronoUnit.SECONDS), null);
    update(
        keys -> {
          keys.add(new StoredKey(key, sha256(secret)));
          return keys;
        });
    return new CreatedKey(key, TOKEN_PREFIX + id + "_" + secret);
  }

  /** Every key, revoked ones included, oldest first. */
  public List<ApiKey> list() {
    return snapshot().stream().map(StoredKey::key).toList();
  }

  /**
   * Revokes a key: its record stays, marked, and it authenticates nothing from then on.
   *
   * @throws NotFoundException when no key has this id
   */
  public ApiKey revoke(String id) {
    ApiKey[] revoked = new ApiKey[1];
    update(
        keys -> {
          List<StoredKey> result = new ArrayList<>();
          for (StoredKey stored : keys) {
            if (stored.key().id().equals(id) && stored.key().active()) {
              ApiKey k = stored.key();
              revoked[0] = new ApiKey(k.id(), k.scopes(), k.grants(), k.label(), k.createdAt(),
                  clock.instant().truncatedTo(ChronoUnit.SECONDS));
              result.add(new StoredKey(revoked[0], stored.sha256()));
            } else {
              result.add(stored);
            }
          }
          return result;
        });
    if (revoked[0] == null) {
      throw new NotFoundException("no active key with id \"" + id + "\" in " + path);
    }
    return revoked[0];
  }

  /** The key a presented token belongs to, if it is well-formed, known and its secret matches. */
  static Optional<ApiKey> verify(List<StoredKey> keys, String token) {
    if (!token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    int split = token.indexOf('_', TOKEN_PREFIX.length() + 2);
    if (split < 0) {
      return Optional.empty();
    }
    String id = token.substring(TOKEN_PREFIX.length(), split);
    byte[] presented = sha256(token.substring(split + 1));
    for (StoredKey stored : keys) {
      if (stored.key().id().equals(id)) {
        return MessageDigest.isEqual(presented, stored.sha256())
            ? Optional.of(stored.key())
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A key with the hash of its secret, as the file holds it. */
  record StoredKey(ApiKey key, byte[] sha256) {}

  /** The file's keys as they are now; none when there is no file yet. */
  List<StoredKey> snapshot() {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read the API key file " + path, e);
    }
  }

  @SuppressWarnings("try") // the lock is held by being open, not by being used
  private void update(UnaryOperator<List<StoredKey>> change) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path lock = dir.resolve(path.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        List<StoredKey> keys = change.apply(new ArrayList<>(snapshot()));
        Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
          restrictToOwner(temp);
          Files.writeString(temp, render(keys), StandardCharsets.UTF_8);
          try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          Files.deleteIfExists(temp);
        }
      }
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write the API key file " + path, e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions protect the hashes.
    }
  }

  private String render(List<StoredKey> keys) {
    List<Object> records = new ArrayList<>();
    for (StoredKey stored : keys) {
      ApiKey k = stored.key();
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("id", k.id());
      record.put("sha256", HEX.formatHex(stored.sha256()));
      record.put("scopes", k.scopes().stream().sorted().map(Scope::label).toList());
      record.put("grants", k.grants().stream().map(Namespace::toString).toList());
      record.put("label", k.label());
      record.put("created_at", k.createdAt().toString());
      record.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
      records.add(record);
    }
    return JsonCodec.toJson(Map.of("version", 1, "keys", records)) + "\n";
  }

  private List<StoredKey> parse(String json) {
    try {
      Map<String, Object> file = JsonCodec.parseObject(json, "API key file " + path);
      List<StoredKey> keys = new ArrayList<>();
      for (Object element : (List<?>) file.get("keys")) {
        Map<?, ?> r = (Map<?, ?>) element;
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        ((List<?>) r.get("scopes")).forEach(s -> scopes.add(Scope.parse((String) s)));
        List<Namespace> grants =
            ((List<?>) r.get("grants")).stream().map(g -> Namespace.parse((String) g)).toList();
        Object revokedAt = r.get("revoked_at");
        ApiKey key =
            new ApiKey((String) r.get("id"), scopes, grants, (String) r.get("label"),
                Instant.parse((String) r.get("created_at")),
                revokedAt == null ? null : Instant.parse((String) revokedAt));
        keys.add(new StoredKey(key, HEX.parseHex((String) r.get("sha256"))));
      }
      return List.copyOf(keys);
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "the API key file " + path + " is damaged (" + e.getMessage() + "); restore it from a"
              + " backup or delete it and create new keys", e);
    }
  }

  /** The grants without those another grant already covers. */
  private static List<Namespace> minimal(List<Namespace> grants) {
    List<Namespace> result = new ArrayList<>();
    for (Namespace grant : grants.stream().distinct().sorted().toList()) {
      if (result.stream().noneMatch(grant::startsWith)) {
        result.add(grant);
      }
    }
    return result;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
