package dev.engram.checkpoint;

import org.jspecify.annotations.Nullable;

/**
 * LangGraph's special write channels. A write to one of them takes a fixed negative index (its
 * {@link #index}) instead of its position in the call, and replaces an earlier write of the same
 * task to the same channel; a write to any other channel is kept only if the task has no write at
 * that position yet (so a retried {@code putWrites} changes nothing).
 */
public final class SpecialChannels {
  public static final String ERROR = "__error__";
  public static final String SCHEDULED = "__scheduled__";
  public static final String INTERRUPT = "__interrupt__";
  public static final String RESUME = "__resume__";

  private SpecialChannels() {}

  /** The fixed index of a special channel (-1 to -4, as LangGraph's WRITES_IDX_MAP), else null. */
  public static @Nullable Integer index(String channel) {
    return switch (channel) {
      case ERROR -> -1;
      case SCHEDULED -> -2;
      case INTERRUPT -> -3;
      case RESUME -> -4;
      default -> null;
    };
  }
}
