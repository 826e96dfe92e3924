package dev.engram.core;

import dev.engram.spi.BackendProvider;
import java.util.Set;

/**
 * Entry point: opens Engram's memories on a backend chosen by URI.
 *
 * <pre>{@code
 * try (Store store = Engram.store("sqlite:./engram-data/engram.db")
 *     .defaultTtl(Duration.ofDays(30))
 *     .open()) {
 *   store.put(Namespace.of("users", "alice"), "prefs", Map.of("lang", "en"));
 * }
 * }</pre>
 *
 * <p>URI schemes are served by {@link BackendProvider}s found on the class path: {@code memory:}
 * (in engram-core), {@code sqlite:PATH} (engram-sqlite), and any other backend module present.
 */
public final class Engram {
  /** The embedded default: a SQLite file under the working directory. */
  public static final String DEFAULT_STORE_URI = "sqlite:./engram-data/engram.db";

  private Engram() {}

  /** A builder for a {@link dev.engram.Store} on the backend named by {@code uri}. */
  public static StoreBuilder store(String uri) {
    return new StoreBuilder(uri);
  }

  /**
   * A builder for a {@link dev.engram.conversation.ConversationStore} on the backend named by
   * {@code uri}.
   */
  public static ConversationStoreBuilder conversations(String uri) {
    return new ConversationStoreBuilder(uri);
  }

  /**
   * A builder for a {@link dev.engram.checkpoint.CheckpointStore} on the backend named by {@code
   * uri}.
   */
  public static CheckpointStoreBuilder checkpoints(String uri) {
    return new CheckpointStoreBuilder(uri);
  }

  /** The URI schemes the backends on the class path serve. */
  public static Set<String> schemes() {
    return Backends.schemes();
  }
}
