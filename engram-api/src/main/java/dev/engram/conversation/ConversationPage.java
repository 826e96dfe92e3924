package dev.engram.conversation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link ConversationStore#list}.
 *
 * @param conversations ordered by id (code point order)
 * @param nextCursor pass to {@link ConversationQuery.Builder#cursor} for the next page; null when
 *     this is the last page
 */
public record ConversationPage(List<ConversationInfo> conversations, @Nullable String nextCursor) {}
