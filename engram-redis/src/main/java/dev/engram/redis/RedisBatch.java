package dev.engram.redis;

import dev.engram.BackendUnavailableException;
import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.BackendCall;
import org.jspecify.annotations.Nullable;
import io.lettuce.core.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Runs a batch's calls in order, pipelining runs of consecutive single-item operations: each run is
 * sent in one go and its replies awaited together, which is what makes a batch of puts several
 * times cheaper per item than single puts.
 *
 * <p>A run never holds two calls on the same item, so a read still sees the writes before it; a
 * search (with or without a query), a listing and a call with a version precondition each run on their own after everything
 * before them completed. The first failure ends the batch (later calls are not started), except
 * that calls pipelined in the same run may already have been applied: a Redis batch is not atomic.
 */
final class RedisBatch {
  private static final int MAX_RUN = 1000;
  /** Rounds of namespace registration a put may need; more than one means a removal raced it. */
  private static final int MAX_ROUNDS = 8;

  private final RedisStoreBackend backend;
  private final RedisLink link;
  private final ItemCommands items;
  private final NamespaceRegistry registry;

  RedisBatch(
      RedisStoreBackend backend, RedisLink link, ItemCommands items, NamespaceRegistry registry) {
    this.backend = backend;
    this.link = link;
    this.items = items;
    this.registry = registry;
  }

  /** An item's address: two calls on one item never share a pipelined run. */
  private record Address(Namespace namespace, String key) {}

  /** The result of a call that ran: its value, or the exception it failed with. */
  private record Outcome(@Nullable Object value, @Nullable RuntimeException failure) {
    static Outcome of(@Nullable Object value) {
      return new Outcome(value, null);
    }

    static Outcome failed(RuntimeException failure) {
      return new Outcome(null, failure);
    }

    boolean isFailure() {
      return failure != null;
    }
  }

  /**
   * The results of the calls, in order, as {@link dev.engram.spi.StoreBackend#execute} promises;
   * the first failure is thrown once the calls before it have completed.
   */
  List<@Nullable Object> run(List<BackendCall> calls) {
    List<@Nullable Object> results = new ArrayList<>(calls.size());
    for (Outcome outcome : execute(calls)) {
      if (outcome.isFailure()) {
        throw outcome.failure();
      }
      results.add(outcome.value());
    }
    return results;
  }

  /**
   * The item a call reads or writes when it may go into a pipeline: a single-item operation
   * without a version precondition, which therefore cannot stop the batch by a conflict.
   */
  private static @Nullable Address pipelinedAddress(BackendCall call) {
    return switch (call) {
      case BackendCall.Get g -> new Address(g.namespace(), g.key());
      case BackendCall.Put p ->
          p.command().ifVersion() == null
              ? new Address(p.command().namespace(), p.command().key())
              : null;
      case BackendCall.Delete d -> d.ifVersion() == null ? new Address(d.namespace(), d.key()) : null;
      case BackendCall.Search s -> null;
      case BackendCall.Query q -> null;
      case BackendCall.Namespaces n -> null;
    };
  }

  private List<Outcome> execute(List<BackendCall> calls) {
    List<Outcome> outcomes = new ArrayList<>(calls.size());
    int i = 0;
    while (i < calls.size()) {
      int end = i;
      Set<Address> addresses = new HashSet<>();
      while (end < calls.size() && end - i < MAX_RUN) {
        Address address = pipelinedAddress(calls.get(end));
        if (address == null || !addresses.add(address)) {
          break;
        }
        end++;
      }
      List<Outcome> done =
          end == i ? List.of(direct(calls.get(end++))) : pipelined(calls.subList(i, end));
      for (Outcome outcome : done) {
        outcomes.add(outcome);
        if (outcome.isFailure()) {
          return outcomes;
        }
      }
      i = end;
    }
    return outcomes;
  }

  private Outcome direct(BackendCall call) {
    try {
      return Outcome.of(call.applyTo(backend));
    } catch (RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  /** Runs calls on distinct items, all sent before any reply is awaited. */
  private List<Outcome> pipelined(List<BackendCall> run) {
    int n = run.size();
    Outcome[] outcomes = new Outcome[n];
    List<Future<List<KeyValue<String, String>>>> reads = new ArrayList<>(n);
    String[] epochs = new String[n];
    Arrays.fill(epochs, ItemCommands.NOT_LOOKED);
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BackendCall call = run.get(i);
      if (call instanceof BackendCall.Get g && !g.refreshTtl()) {
        String itemKey = items.keys().of(g.namespace()).item(g.key());
        reads.add(link.submit(() -> link.commands().hmget(itemKey, ItemFields.NAMES)));
      } else {
        reads.add(null);
        pending.add(i);
      }
    }
    for (int round = 0; !pending.isEmpty(); round++) {
      if (round == MAX_ROUNDS) {
        for (int i : pending) {
          outcomes[i] = Outcome.failed(new BackendUnavailableException(
              link.storeName() + " - a put kept racing with the removal of its empty namespace"));
        }
        break;
      }
      pending = scriptRound(run, pending, epochs, outcomes);
    }
    for (int i = 0; i < n; i++) {
      if (reads.get(i) != null) {
        BackendCall.Get g = (BackendCall.Get) run.get(i);
        try {
          List<KeyValue<String, String>> reply =
              link.await(reads.get(i), "get of " + g.namespace() + "/" + g.key());
          outcomes[i] = Outcome.of(ItemFields.visibleItem(
              g.namespace(), g.key(), ItemFields.of(reply), Micros.of(g.now())));
        } catch (RuntimeException e) {
          outcomes[i] = Outcome.failed(e);
        }
      }
    }
    return Arrays.asList(outcomes);
  }

  /** Sends the pending script calls; returns the puts that must come back after registering. */
  private List<Integer> scriptRound(
      List<BackendCall> run, List<Integer> pending, String[] epochs, Outcome[] outcomes) {
    List<ScriptCall> calls = new ArrayList<>(pending.size());
    for (int i : pending) {
      calls.add(
          switch (run.get(i)) {
            case BackendCall.Put p -> items.put(p.command(), epochs[i]);
            case BackendCall.Delete d -> items.delete(d.namespace(), d.key(), null, d.now());
            case BackendCall.Get g -> items.refresh(g.namespace(), g.key(), g.now());
            default -> throw new IllegalStateException("not pipelined: " + run.get(i));
          });
    }
    List<Object> results = link.evalEach(calls);
    List<Integer> again = new ArrayList<>();
    Set<Namespace> unregistered = new LinkedHashSet<>();
    String[] epoch = new String[1];
    for (int j = 0; j < pending.size(); j++) {
      int i = pending.get(j);
      Object result = results.get(j);
      if (result instanceof RuntimeException e) {
        outcomes[i] = Outcome.failed(link.unavailable(calls.get(j).what(), e));
        continue;
      }
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) result;
      try {
        switch (run.get(i)) {
          case BackendCall.Put p -> {
            Item item = items.putResult(p.command(), reply, epoch);
            if (item != null) {
              outcomes[i] = Outcome.of(item);
            } else {
              epochs[i] = epoch[0];
              unregistered.add(p.command().namespace());
              again.add(i);
            }
          }
          case BackendCall.Delete d ->
              outcomes[i] = Outcome.of(
                  items.deleteResult(d.namespace(), d.key(), null, reply));
          case BackendCall.Get g ->
              outcomes[i] = Outcome.of(
                  ItemCommands.refreshResult(g.namespace(), g.key(), reply));
          default -> throw new IllegalStateException("not pipelined: " + run.get(i));
        }
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.failed(e);
      }
    }
    if (!unregistered.isEmpty()) {
      List<ScriptCall> registrations = new ArrayList<>();
      for (Namespace ns : unregistered) {
        registrations.add(registry.register(ns));
      }
      try {
        link.evalAll(registrations);
      } catch (RuntimeException e) {
        for (int i : again) {
          outcomes[i] = Outcome.failed(e);
        }
        return List.of();
      }
    }
    return again;
  }
}
