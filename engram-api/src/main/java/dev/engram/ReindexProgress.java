package dev.engram;

/** Told how far {@link Store#reindex} has come; called from the reindexing thread. */
@FunctionalInterface
public interface ReindexProgress {
  ReindexProgress NONE = (done, total) -> {};

  /**
   * @param done items examined so far
   * @param total items in the store when the work started (an estimate: writes may change it)
   */
  void update(long done, long total);
}
