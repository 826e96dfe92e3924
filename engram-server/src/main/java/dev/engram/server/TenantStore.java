package dev.engram.server;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.SearchItem;
import dev.engram.SearchRequest;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.spi.ItemOrder;
import dev.engram.spi.Ranked;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The store as one principal may see it. Item addresses outside the key's grants are refused (403);
 * searches, listings and exports are narrowed to the grants on the server, so that a key granted
 * {@code users.alice} gets only what lies under it whatever prefix it asks for — an empty prefix
 * included.
 *
 * <p>A request that falls under one grant (the usual case) runs as one store call. One that spans
 * several grants runs a call per grant: searches are merged in the store's result order (by score
 * for a search by query), and listings are merged, cut and paged as the store itself would. A
 * search by query ranks within each grant, so keyword and hybrid scores (which depend on the
 * collection searched) are each grant's own: one tenant's scores never depend on another's items.
 * Conversations and checkpoint threads have their own: {@link TenantConversations}, {@link
 * TenantCheckpoints}.
 */
final class TenantStore {
  private static final int PAGE = SearchRequest.MAX_LIMIT;
  private static final Comparator<SearchItem> NEWEST_FIRST =
      Comparator.comparing(SearchItem::item, ItemOrder.NEWEST_FIRST);
  private static final Comparator<SearchItem> BEST_FIRST =
      Comparator.comparing(found -> new Ranked(found.item(), found.score()), Ranked.BEST_FIRST);

  private final Store store;
  private final Principal principal;

  TenantStore(Store store, Principal principal) {
    this.store = store;
    this.principal = principal;
  }

  Optional<Item> get(Namespace namespace, String key, @Nullable Boolean refreshTtl) {
    requireGranted(namespace);
    return refreshTtl == null
        ? store.get(namespace, key)
        : store.get(namespace, key, refreshTtl);
  }

  @Nullable Item put(StoreOp.Put put) {
    requireGranted(put.namespace());
    return store.put(put.namespace(), put.key(), put.value(), put.options());
  }

  boolean delete(Namespace namespace, String key) {
    requireGranted(namespace);
    return store.delete(namespace, key);
  }

  List<SearchItem> search(SearchRequest request) {
    List<Namespace> prefixes = principal.searchPrefixes(request.namespacePrefix());
    if (prefixes.isEmpty()) {
      return List.of();
    }
    if (prefixes.size() == 1) {
      return store.search(withPrefix(request, prefixes.get(0)).build());
    }
    return merged(request, prefixes);
  }

  List<Namespace> listNamespaces(NamespaceQuery query) {
    List<Namespace> patterns = principal.listingPatterns(query.prefix());
    if (patterns.size() == 1) {
      return store.listNamespaces(withPrefix(query, patterns.get(0)).build());
    }
    // Across grants: every match of each pattern, then one sorted, de-duplicated page.
    TreeSet<Namespace> all = new TreeSet<>();
    for (Namespace pattern : patterns) {
      int offset = 0;
      List<Namespace> page;
      do {
        page = store.listNamespaces(
            withPrefix(query, pattern).limit(NamespaceQuery.MAX_LIMIT).offset(offset).build());
        all.addAll(page);
        offset += page.size();
      } while (page.size() == NamespaceQuery.MAX_LIMIT);
    }
    return all.stream().skip(query.offset()).limit(query.limit()).toList();
  }

  /**
   * Runs a batch after checking each operation against the grants. A batch runs as one unit in
   * the store, so its searches and listings must each lie within one grant; they cannot be split.
   */
  List<@Nullable Object> batch(List<StoreOp> ops) {
    for (int i = 0; i < ops.size(); i++) {
      switch (ops.get(i)) {
        case StoreOp.Get get -> requireGranted(get.namespace());
        case StoreOp.Put put -> requireGranted(put.namespace());
        case StoreOp.Delete delete -> requireGranted(delete.namespace());
        case StoreOp.Search search -> requireWithinOneGrant(
            principal.searchPrefixes(search.request().namespacePrefix()),
            search.request().namespacePrefix(), i);
        case StoreOp.ListNamespaces list -> requireWithinOneGrant(
            principal.listingPatterns(list.query().prefix()), list.query().prefix(), i);
      }
    }
    return store.batch(ops);
  }

  private void requireGranted(Namespace namespace) {
    if (namespace != null && !namespace.isRoot() && !principal.covers(namespace)) {
      throw ApiError.forbidden(
          "key " + principal.id() + " has no grant for namespace \"" + namespace + "\"");
    }
  }

  private void requireWithinOneGrant(List<Namespace> narrowed, Namespace asked, int op) {
    if (!narrowed.equals(List.of(asked))) {
      throw ApiError.forbidden("batch op " + op + ": key " + principal.id()
          + " may search and list in a batch only within one of its grants, not under \""
          + asked + "\"");
    }
  }

  /**
   * A page of a search across several grant prefixes: each prefix is read in the store's order, a
   * page at a time, and the streams are merged until the requested page is full. Found items get
   * their TTL refreshed afterwards, so that only the returned ones are refreshed.
   */
  private List<SearchItem> merged(SearchRequest request, List<Namespace> prefixes) {
    int wanted = request.offset() + request.limit();
    Comparator<SearchItem> order = request.query() == null ? NEWEST_FIRST : BEST_FIRST;
    PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparing(Cursor::head, order));
    for (Namespace prefix : prefixes) {
      Cursor cursor = new Cursor(withPrefix(request, prefix), Math.min(wanted, PAGE));
      if (cursor.advance()) {
        queue.add(cursor);
      }
    }
    List<SearchItem> page = new ArrayList<>(request.limit());
    for (int seen = 0; seen < wanted && !queue.isEmpty(); seen++) {
      Cursor cursor = queue.poll();
      if (seen >= request.offset()) {
        page.add(cursor.head());
      }
      if (cursor.advance()) {
        queue.add(cursor);
      }
    }
    return Boolean.FALSE.equals(request.refreshTtl()) ? page : refreshed(page, request);
  }

  private List<SearchItem> refreshed(List<SearchItem> page, SearchRequest request) {
    List<StoreOp> reads = page.stream()
        .<StoreOp>map(found -> new StoreOp.Get(found.namespace(), found.key(), request.refreshTtl()))
        .toList();
    List<@Nullable Object> items = store.batch(reads);
    List<SearchItem> result = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      Item item = (Item) items.get(i);
      result.add(item == null ? page.get(i) : new SearchItem(item, page.get(i).score()));
    }
    return result;
  }

  /** One prefix's results in order, fetched a page at a time, without refreshing TTLs. */
  private final class Cursor {
    private final SearchRequest.Builder request;
    private final int pageSize;
    private List<SearchItem> buffer = List.of();
    private int index;
    private int fetched;
    private boolean exhausted;
    private @Nullable SearchItem head;

    Cursor(SearchRequest.Builder request, int pageSize) {
      this.request = request.refreshTtl(false).limit(pageSize);
      this.pageSize = pageSize;
    }

    SearchItem head() {
      return head;
    }

    boolean advance() {
      if (index == buffer.size()) {
        if (exhausted) {
          return false;
        }
        buffer = store.search(request.offset(fetched).build());
        fetched += buffer.size();
        index = 0;
        exhausted = buffer.size() < pageSize;
        if (buffer.isEmpty()) {
          return false;
        }
      }
      head = buffer.get(index++);
      return true;
    }
  }

  private static SearchRequest.Builder withPrefix(SearchRequest request, Namespace prefix) {
    return SearchRequest.builder()
        .namespacePrefix(prefix)
        .filter(request.filter())
        .limit(request.limit())
        .offset(request.offset())
        .query(request.query())
        .mode(request.mode())
        .refreshTtl(request.refreshTtl());
  }

  private static NamespaceQuery.Builder withPrefix(NamespaceQuery query, Namespace prefix) {
    return NamespaceQuery.builder()
        .prefix(prefix)
        .suffix(query.suffix())
        .maxDepth(query.maxDepth())
        .limit(query.limit())
        .offset(query.offset());
  }
}
