package dev.engram.cli;

import dev.engram.Store;
import dev.engram.UnsupportedFeatureException;
import dev.engram.checkpoint.CheckpointStore;
import dev.engram.conversation.ConversationStore;
import dev.engram.core.Engram;
import dev.engram.core.transfer.DataKind;
import org.jspecify.annotations.Nullable;

/**
 * The store, conversations and checkpoints of one URI, each opened on first use (without a
 * background sweeper) and all closed together: export, import and migrate touch only the kinds
 * they move.
 */
final class Memories implements AutoCloseable {
  private final String uri;
  private @Nullable Store store;
  private @Nullable ConversationStore conversations;
  private @Nullable CheckpointStore checkpoints;

  Memories(String uri) {
    this.uri = uri;
  }

  String uri() {
    return uri;
  }

  Store store() {
    if (store == null) {
      store = Engram.store(uri).backgroundSweep(false).open();
    }
    return store;
  }

  ConversationStore conversations() {
    if (conversations == null) {
      conversations = Engram.conversations(uri).backgroundSweep(false).open();
    }
    return conversations;
  }

  CheckpointStore checkpoints() {
    if (checkpoints == null) {
      checkpoints = Engram.checkpoints(uri).backgroundSweep(false).open();
    }
    return checkpoints;
  }

  /** Whether the backend offers this kind (opening it to find out). */
  boolean supports(DataKind kind) {
    try {
      switch (kind) {
        case STORE -> store();
        case CONVERSATIONS -> conversations();
        case CHECKPOINTS -> checkpoints();
      }
      return true;
    } catch (UnsupportedFeatureException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      if (checkpoints != null) {
        checkpoints.close();
      }
    } finally {
      try {
        if (conversations != null) {
          conversations.close();
        }
      } finally {
        if (store != null) {
          store.close();
        }
      }
    }
  }
}
