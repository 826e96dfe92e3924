package dev.engram.server;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a key's namespace grants confine conversations and checkpoint threads, whose ids are plain
 * text: an id belongs to a key granted {@code users.alice} when it starts with {@code
 * users.alice.} (see {@link Principal#ownsId}). Shared by {@link TenantConversations} and {@link
 * TenantCheckpoints}.
 */
final class IdGrants {
  private final Principal principal;

  IdGrants(Principal principal) {
    this.principal = principal;
  }

  /** Refuses (403) an id outside the grants; {@code what} names it: "conversation id". */
  String require(String id, String what) {
    if (id != null && !principal.ownsId(id)) {
      throw ApiError.forbidden("key " + principal.id() + " has no grant for " + what + " \"" + id
          + "\"; its ids must start with one of " + principal.idPrefixes());
    }
    return id;
  }

  /** Refuses (403) what covers every tenant at once, such as counts over the whole store. */
  void requireUnrestricted(String what) {
    if (!principal.unrestricted()) {
      throw ApiError.forbidden("key " + principal.id() + " has namespace grants, and " + what
          + " covers every tenant; it needs a key without grants");
    }
  }

  boolean unrestricted() {
    return principal.unrestricted();
  }

  Predicate<String> owned() {
    return principal::ownsId;
  }

  /**
   * One page of a listing in id order, for a key with grants: the store's pages are read from the
   * cursor until one holds ids of the grants, and those are answered with that page's cursor. So a
   * page is never larger than asked and never empty before the end, but may be shorter than the
   * limit; the cursor stays the store's own.
   */
  static <T> Page<T> firstOwned(
      @Nullable String cursor, Function<@Nullable String, Page<T>> fetch, Predicate<T> owned) {
    Page<T> page = fetch.apply(cursor);
    while (true) {
      List<T> mine = page.items().stream().filter(owned).toList();
      if (!mine.isEmpty() || page.nextCursor() == null) {
        return new Page<>(mine, page.nextCursor());
      }
      page = fetch.apply(page.nextCursor());
    }
  }

  /** A page of any listing: its entries and the cursor of the next page (null: the last). */
  record Page<T>(List<T> items, @Nullable String nextCursor) {}
}
