package dev.engram.checkpoint;

/** What {@link CheckpointStore#prune} does to each thread. */
public enum PruneStrategy {
  /** Keep only the latest checkpoint of each namespace (and its writes); drop the history. */
  KEEP_LATEST,
  /** Delete the thread entirely. */
  DELETE
}
