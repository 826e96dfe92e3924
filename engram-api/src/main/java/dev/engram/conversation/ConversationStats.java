package dev.engram.conversation;

import org.jspecify.annotations.Nullable;

/**
 * Counts over a whole conversation store.
 *
 * @param conversations visible (not expired) conversations
 * @param messages messages in visible conversations
 * @param expired conversations that have expired but are not cleaned up yet
 * @param storageBytes the space the conversations take, where the backend knows it, else null
 */
public record ConversationStats(
    long conversations, long messages, long expired, @Nullable Long storageBytes) {}
