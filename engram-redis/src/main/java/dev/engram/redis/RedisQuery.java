package dev.engram.redis;

import dev.engram.Item;
import dev.engram.SearchItem;
import dev.engram.SearchMode;
import dev.engram.spi.ExactQuery;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.QueryCommand;
import dev.engram.spi.RankFusion;
import dev.engram.spi.Ranked;
import dev.engram.spi.SearchCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Search by query: exact ranking in this process with {@link ExactQuery}, over the candidates that
 * {@link RedisSearch} finds for the scope (the namespaces under the prefix from the registry, each
 * read whole, the filter checked here). Their index fields ({@link IndexFields}) are then fetched
 * with {@code query.lua}, up to {@value #KEYS_PER_CALL} items per call and {@value
 * #CALLS_PER_ROUND} calls per pipelined round, and only what the mode needs: vectors of the query's
 * model, texts, or both.
 *
 * <p>Vector scores do not depend on the other candidates, so each round's vectors are ranked and
 * dropped before the next round arrives: memory holds one round of vectors, not all of them.
 * Keyword scores do (BM25's statistics), so texts are kept until every round is in; hybrid fuses
 * the two complete lists, exactly as {@link ExactQuery} defines it.
 *
 * <p>Cost per query: every candidate's fields travel to the client once for the scan (and are
 * parsed when there is a filter), then its vectors and/or texts: O(candidates × entries ×
 * dimensions) bytes and cosine work. Values are parsed only for the page.
 */
final class RedisQuery {
  private static final int KEYS_PER_CALL = 128;
  private static final int CALLS_PER_ROUND = 32;

  private final RedisLink link;
  private final Keys keys;
  private final RedisSearch searches;

  RedisQuery(RedisLink link, Keys keys, RedisSearch searches) {
    this.link = link;
    this.keys = keys;
    this.searches = searches;
  }

  List<SearchItem> query(QueryCommand command) {
    SearchCommand scope = command.scope();
    if (command.mode() != SearchMode.KEYWORD && command.vector() == null) {
      throw new IllegalArgumentException(command.mode() + " search without a query vector");
    }
    Ranking ranking = new Ranking(command);
    List<Fetch> round = new ArrayList<>(CALLS_PER_ROUND);
    List<RedisSearch.Candidate> chunk = new ArrayList<>(KEYS_PER_CALL);
    for (RedisSearch.Candidate candidate : searches.matching(scope, Long.MAX_VALUE)) {
      if (chunk.size() == KEYS_PER_CALL
          || (!chunk.isEmpty() && !chunk.get(0).namespace().equals(candidate.namespace()))) {
        round.add(fetch(command, chunk));
        chunk = new ArrayList<>(KEYS_PER_CALL);
        if (round.size() == CALLS_PER_ROUND) {
          absorb(ranking, round);
          round.clear();
        }
      }
      chunk.add(candidate);
    }
    if (!chunk.isEmpty()) {
      round.add(fetch(command, chunk));
    }
    absorb(ranking, round);

    List<Ranked> page =
        ranking.result().stream().skip(scope.offset()).limit(scope.limit()).toList();
    List<Item> items = new ArrayList<>(page.size());
    for (Ranked ranked : page) {
      items.add(ranking.candidate(ranked.item()).item());
    }
    if (scope.refreshTtl()) {
      items = searches.refreshed(items, scope.now());
    }
    List<SearchItem> results = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      results.add(new SearchItem(items.get(i), page.get(i).score()));
    }
    return results;
  }

  /** A call fetching the index fields of candidates of one namespace, and those candidates. */
  private record Fetch(ScriptCall call, List<RedisSearch.Candidate> candidates) {}

  private Fetch fetch(QueryCommand command, List<RedisSearch.Candidate> chunk) {
    Keys.NamespaceKeys k = keys.of(chunk.get(0).namespace());
    String[] itemKeys = new String[chunk.size()];
    String[] args = new String[3 + chunk.size()];
    args[0] = Micros.text(command.scope().now());
    args[1] = switch (command.mode()) {
      case VECTOR -> "v";
      case KEYWORD -> "k";
      case HYBRID -> "h";
    };
    args[2] = command.model();
    for (int i = 0; i < chunk.size(); i++) {
      itemKeys[i] = k.item(chunk.get(i).key());
      args[3 + i] = chunk.get(i).version();
    }
    return new Fetch(new ScriptCall(LuaScript.QUERY, itemKeys, args,
        "search by query under \"" + command.scope().prefix() + "\" (reading the index of "
            + chunk.get(0).namespace() + ")"), chunk);
  }

  /** Sends one round of fetches (one pipeline) and ranks what came back. */
  private void absorb(Ranking ranking, List<Fetch> round) {
    if (round.isEmpty()) {
      return;
    }
    List<List<Object>> replies = link.evalAllBinary(round.stream().map(Fetch::call).toList());
    for (int c = 0; c < replies.size(); c++) {
      List<RedisSearch.Candidate> candidates = round.get(c).candidates();
      for (int i = 0; i < candidates.size(); i++) {
        ranking.add(candidates.get(i), (List<?>) replies.get(c).get(i));
      }
    }
    ranking.endRound();
  }

  /** The rankings of one query, fed round by round. */
  private final class Ranking {
    private final QueryCommand command;
    private final int dimensions;
    private final Map<Item, RedisSearch.Candidate> byStub = new IdentityHashMap<>();
    private final List<ExactQuery.Candidate> roundVectors = new ArrayList<>();
    private final List<ExactQuery.Candidate> texts = new ArrayList<>();
    private final List<Ranked> byVector = new ArrayList<>();

    Ranking(QueryCommand command) {
      this.command = command;
      float[] vector = command.vector();
      this.dimensions = vector == null ? 0 : vector.length;
    }

    /** Takes in one candidate's reply from {@code query.lua}. */
    void add(RedisSearch.Candidate found, List<?> reply) {
      if (reply.isEmpty()) {
        return;
      }
      RedisSearch.Candidate candidate = found;
      if (reply.size() > 3) {
        // Replaced since the scan read it: the new value must pass the filter again.
        @Nullable String[] fields = ItemFields.ofScript(text(reply.subList(3, reply.size())));
        Item item = ItemFields.item(found.namespace(), found.key(), fields);
        if (!command.scope().filter().matches(item.value())) {
          return;
        }
        candidate = new RedisSearch.Candidate(found.namespace(), found.key(), fields, item);
      }
      String what = link.storeName() + " - search index of " + found.namespace() + "/"
          + found.key();
      String model = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
      // Ranking compares namespace and key only: a stand-in spares parsing every value.
      Item stub = new Item(
          found.namespace(), found.key(), Map.of(), Instant.EPOCH, Instant.EPOCH, null, 0);
      byStub.put(stub, candidate);
      if (reply.get(1) instanceof byte[] json) {
        texts.add(new ExactQuery.Candidate(
            stub, new ItemIndex(model, null, IndexFields.texts(json, what))));
      }
      if (reply.get(2) instanceof byte[] blob) {
        // Vector ranking reads the vectors alone; paths and texts stay on the server.
        List<IndexEntry> entries = new ArrayList<>();
        for (float[] vector : IndexFields.vectors(blob, dimensions, what)) {
          entries.add(new IndexEntry("", "", vector));
        }
        roundVectors.add(new ExactQuery.Candidate(stub, new ItemIndex(model, null, entries)));
      }
    }

    void endRound() {
      if (!roundVectors.isEmpty()) {
        byVector.addAll(ExactQuery.rank(as(SearchMode.VECTOR), roundVectors));
        roundVectors.clear();
      }
    }

    /** Every ranked candidate, best first. */
    List<Ranked> result() {
      byVector.sort(Ranked.BEST_FIRST);
      return switch (command.mode()) {
        case VECTOR -> byVector;
        case KEYWORD -> ExactQuery.rank(command, texts);
        case HYBRID -> RankFusion.fuse(byVector, ExactQuery.rank(as(SearchMode.KEYWORD), texts));
      };
    }

    RedisSearch.Candidate candidate(Item stub) {
      return byStub.get(stub);
    }

    private QueryCommand as(SearchMode mode) {
      return new QueryCommand(
          command.scope(), command.text(), command.vector(), mode, command.model());
    }
  }

  /** Byte strings of a binary reply as text (null stays null). */
  private static List<Object> text(List<?> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object value : values) {
      out.add(value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value);
    }
    return out;
  }
}
