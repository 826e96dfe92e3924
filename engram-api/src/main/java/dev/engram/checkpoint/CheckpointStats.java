package dev.engram.checkpoint;

/**
 * Counts over a whole checkpoint store, of visible (not expired) threads only.
 *
 * @param threads threads holding at least one checkpoint
 * @param checkpoints checkpoints in those threads
 * @param writes pending writes stored against those checkpoints
 */
public record CheckpointStats(long threads, long checkpoints, long writes) {}
