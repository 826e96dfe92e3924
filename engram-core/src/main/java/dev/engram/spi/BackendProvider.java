package dev.engram.spi;

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
}
