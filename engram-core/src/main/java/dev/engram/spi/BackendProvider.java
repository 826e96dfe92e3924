package dev.engram.spi;

import dev.engram.UnsupportedFeatureException;
import java.util.Set;

/**
 * Opens backends for the URI schemes it serves. Found through {@link java.util.ServiceLoader}: a
 * backend module lists its implementation in {@code
 * META-INF/services/dev.engram.spi.BackendProvider}. Implementations need a public no-argument
 * constructor.
 */
public interface BackendProvider {

  /** The lower-case URI schemes this provider serves, e.g. {@code sqlite}. */
  Set<String> schemes();

  /**
   * Opens (creating or migrating as needed) the store storage the URI names.
   *
   * @throws dev.engram.InvalidInputException when the URI is malformed for this backend
   * @throws dev.engram.BackendUnavailableException when the storage cannot be opened
   */
  StoreBackend openStore(BackendUri uri);

  /**
   * Opens (creating or migrating as needed) the conversation storage the URI names. Backends that
   * do not offer conversations yet keep this default, which says so.
   *
   * @throws UnsupportedFeatureException when this backend has no conversation storage
   */
  default ConversationBackend openConversations(BackendUri uri) {
    throw new UnsupportedFeatureException(
        "conversations are not available on the " + uri.scheme() + ": backend yet ("
            + uri.redacted() + ")");
  }

  /**
   * Opens (creating or migrating as needed) the checkpoint storage the URI names. Backends that do
   * not offer checkpoints yet keep this default, which says so.
   *
   * @throws UnsupportedFeatureException when this backend has no checkpoint storage
   */
  default CheckpointBackend openCheckpoints(BackendUri uri) {
    throw new UnsupportedFeatureException(
        "checkpoints are not available on the " + uri.scheme() + ": backend yet ("
            + uri.redacted() + ")");
  }
}
