package dev.engram.spi;

import dev.engram.checkpoint.TypedValue;

/**
 * One write with the index the engine gave it: its position in the call, or a special channel's
 * fixed negative index ({@link dev.engram.checkpoint.SpecialChannels#index}). A negative index
 * replaces what the task has at that index; a non-negative one is inserted only if the task has
 * nothing there yet.
 */
public record IndexedWrite(int idx, String channel, TypedValue value) {

  /** Whether this write replaces an existing one (special channels) instead of yielding to it. */
  public boolean upserts() {
    return idx < 0;
  }
}
