package dev.engram.testkit;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import dev.engram.core.transfer.DataCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store, conversations and checkpoints of one URI, opened together (without background
 * sweeps) for migration tests: seed the {@link MigrationDataSet}, count, and check a copy.
 */
public record MigrationStores(
    Store store, ConversationStore conversations, CheckpointStore checkpoints)
    implements AutoCloseable {

  public static MigrationStores open(String uri) {
    Store store = Engram.store(uri).backgroundSweep(false).open();
    try {
      ConversationStore conversations = Engram.conversations(uri).backgroundSweep(false).open();
      try {
        return new MigrationStores(
            store, conversations, Engram.checkpoints(uri).backgroundSweep(false).open());
      } catch (RuntimeException e) {
        conversations.close();
        throw e;
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Opens {@code uri}, writes the data set into it, closes it; returns the URI. */
  public static String seeded(String uri) {
    try (MigrationStores stores = open(uri)) {
      MigrationDataSet.seed(stores.store, stores.conversations, stores.checkpoints);
    }
    return uri;
  }

  /** Checks that {@code target} holds a copy of what {@code source} holds (counts and samples). */
  public static void verifyCopy(String source, String target) {
    try (MigrationStores from = open(source);
        MigrationStores to = open(target)) {
      to.verifyCopyOf(from);
    }
  }

  public void verifyCopyOf(MigrationStores source) {
    MigrationDataSet.verifyCopy(source.store, source.conversations, source.checkpoints,
        store, conversations, checkpoints);
  }

  /** Every count a migration checks, by kind. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.putAll(DataCounts.store(store, Namespace.root()));
    counts.putAll(DataCounts.conversations(conversations));
    counts.putAll(DataCounts.checkpoints(checkpoints));
    return counts;
  }

  @Override
  public void close() {
    try (store;
        conversations;
        checkpoints) {
      // closed in reverse order by the try-with-resources
    }
  }
}
