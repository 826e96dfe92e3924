package dev.engram.sqlite;

import dev.engram.Namespace;
import dev.engram.spi.IndexEntry;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.SearchIndex;
import dev.engram.spi.SearchIndex.Address;
import dev.engram.spi.SearchIndexLockedException;
import dev.engram.spi.SearchIndexProvider;
import dev.engram.spi.SearchIndexSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index beside the file in step with the records, which are the truth.
 *
 * <p>Every change of an item's entries appends to {@code index_changes} in the transaction of the
 * change. The index applies the log in sequence order and records the last sequence applied with
 * each commit; opening it again applies only what came after (a process killed before its index
 * caught up loses nothing), and an index that is missing, unreadable, of another database or out
 * of reach of the log is rebuilt from the records. Before each query the index applies what the log
 * has gained since, so a query sees every committed write, this process's and others'. Indexed
 * writes also wake a background thread that catches up, so queries seldom wait for it.
 *
 * <p>One process at a time may hold the index (Lucene's write lock). Another process opening the
 * same file, such as the CLI beside a running server, finds it held and answers its queries exactly
 * from the records; it never writes the index.
 */
final class IndexSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexSync.class);
  /** Changes read from the log per round trip. */
  private static final int CHUNK = 512;
  /** Changes applied between commits: a commit syncs files, and the log covers the rest. */
  static final int COMMIT_EVERY = 2048;
  private static final String NEW = "it is new";

  private final String storeName;
  private final Path folder;
  private final ConnectionPool pool;
  private final @Nullable SearchIndexProvider provider;
  private final SearchIndexSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final ExecutorService background;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  // Guarded by lock.
  private @Nullable SearchIndex index;
  private String databaseId = "";
  private long applied;
  private long appliedSinceCommit;
  private int failures;

  /** Set once this process cannot use the index: queries score exactly over the records. */
  private volatile boolean unavailable;
  private volatile boolean opened;
  private volatile boolean closed;

  IndexSync(SqliteSettings settings, ConnectionPool pool, @Nullable SearchIndexProvider provider) {
    this.storeName = settings.storeName();
    this.folder = settings.indexFolder();
    this.pool = pool;
    this.provider = provider;
    this.settings = settings.search();
    this.unavailable = provider == null;
    this.background =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("engram-index-" + folder.getFileName()).factory());
  }

  /**
   * The index, caught up with every committed change; null when this process cannot use one (no
   * provider, held by another process, or failed).
   */
  @Nullable SearchIndex current() {
    if (unavailable) {
      return null;
    }
    lock.lock();
    try {
      if (closed || unavailable) {
        return null;
      }
      if (index == null) {
        open();
      }
      if (index != null) {
        catchUp();
      }
      return index;
    } catch (SQLException | UncheckedIOException | IllegalStateException e) {
      failed(index, e);
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Tells that the log has grown: the background thread catches up. {@code mayOpen}: an indexed
   * write opens the index if needed; other writes (deletes, sweeps) only matter to an open one.
   */
  void changed(boolean mayOpen) {
    if (unavailable || closed || !mayOpen && !opened) {
      return;
    }
    if (scheduled.compareAndSet(false, true)) {
      background.execute(
          () -> {
            scheduled.set(false);
            current();
          });
    }
  }

  /**
   * Stops using {@code failedIndex} after a failure; the index is reopened and rebuilt once before
   * giving up. A failure of an index already replaced (a query that was using it meanwhile) counts
   * for nothing more.
   */
  void failed(@Nullable SearchIndex failedIndex, Exception e) {
    lock.lock();
    try {
      if (failedIndex != index) {
        return;
      }
      failures++;
      closeIndex();
      if (failures > 1) {
        unavailable = true;
        log.error("{} - the search index {} failed again; queries score exactly over the records"
            + " until the store is reopened", storeName, folder, e);
      } else {
        log.error("{} - the search index {} failed; rebuilding it from the records", storeName,
            folder, e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void open() throws SQLException {
    try {
      index = provider.open(folder, storeName, settings);
    } catch (SearchIndexLockedException e) {
      unavailable = true;
      log.warn("{}; this process answers queries exactly from the records instead, which costs a"
          + " pass over every indexed item in scope per query", e.getMessage());
      return;
    }
    opened = true;
    databaseId = pool.read(c -> c.queryString(IndexSql.DATABASE_ID));
    Map<String, String> data = index.commitData();
    long[] bounds = pool.read(IndexSync::changeBounds);
    String reason = rebuildReason(data, bounds[0], bounds[1]);
    if (reason != null) {
      rebuild(reason);
      return;
    }
    applied = Long.parseLong(data.get("seq"));
    log.info("{} - opened the search index {} at change {}", storeName, folder, applied);
  }

  /** Why the index cannot be caught up from the log, or null when it can. */
  private @Nullable String rebuildReason(Map<String, String> data, long minSeq, long maxSeq) {
    if (failures > 0) {
      return "it failed";
    }
    if (data.isEmpty()) {
      return NEW;
    }
    if (!databaseId.equals(data.get("database"))) {
      return "it belongs to another database";
    }
    long seq = Long.parseLong(data.get("seq"));
    if (seq > maxSeq) {
      return "it is ahead of the records (the database was restored from a backup?)";
    }
    if (minSeq > seq + 1) {
      return "it is behind the change log (restored from a backup?)";
    }
    return null;
  }

  private static long[] changeBounds(SqliteConnection c) throws SQLException {
    try (ResultSet rs = c.prepare(IndexSql.CHANGE_BOUNDS).executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private void rebuild(String reason) throws SQLException {
    long started = System.nanoTime();
    index.removeAll();
    long[] items = {0};
    applied =
        pool.readSnapshot(
            c -> {
              long seq = changeBounds(c)[1];
              try (ResultSet rs = c.prepare(IndexSql.ALL_ENTRIES).executeQuery()) {
                items[0] = putAll(rs);
              }
              return seq;
            });
    commit();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (reason.equals(NEW)) {
      log.info("{} - created the search index {} from the records: {} items in {} ms", storeName,
          folder, items[0], ms);
    } else {
      log.warn("{} - rebuilt the search index {} from the records because {}: {} items in {} ms",
          storeName, folder, reason, items[0], ms);
    }
  }

  /** Indexes the rows of {@link IndexSql#ALL_ENTRIES}, grouped by item; returns the item count. */
  private long putAll(ResultSet rs) throws SQLException {
    long count = 0;
    Address current = null;
    Long expires = null;
    String model = null;
    List<IndexEntry> entries = new ArrayList<>();
    while (rs.next()) {
      Address address = new Address(Namespace.parse(rs.getString(1)), rs.getString(2));
      if (!address.equals(current)) {
        if (current != null) {
          put(current, model, entries, expires);
          count++;
        }
        current = address;
        long e = rs.getLong(3);
        expires = rs.wasNull() ? null : e;
        model = rs.getString(4);
        entries = new ArrayList<>();
      }
      entries.add(IndexRecords.entry(rs, 5));
    }
    if (current != null) {
      put(current, model, entries, expires);
      count++;
    }
    return count;
  }

  private void put(Address address, String model, List<IndexEntry> entries, @Nullable Long expires) {
    index.put(
        address, new ItemIndex(model, null, entries),
        expires == null ? null : ItemRows.instant(expires));
  }

  /** Applies the log after {@link #applied}, in chunks each read from one snapshot. */
  private void catchUp() throws SQLException {
    while (true) {
      Map<Address, IndexRecords.State> states = new LinkedHashMap<>();
      long[] last = {applied};
      int rows =
          pool.readSnapshot(
              c -> {
                PreparedStatement ps = c.prepare(IndexSql.CHANGES_AFTER);
                ps.setLong(1, applied);
                ps.setInt(2, CHUNK);
                int n = 0;
                List<Address> changed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    n++;
                    last[0] = rs.getLong(1);
                    changed.add(new Address(Namespace.parse(rs.getString(2)), rs.getString(3)));
                  }
                }
                for (Address address : changed) {
                  if (!states.containsKey(address)) {
                    states.put(address, IndexRecords.state(c, address));
                  }
                }
                return n;
              });
      states.forEach(
          (address, state) -> {
            if (state == null) {
              index.remove(address);
            } else {
              index.put(address, state.index(), state.expiresAt());
            }
          });
      applied = last[0];
      appliedSinceCommit += rows;
      if (rows < CHUNK) {
        break;
      }
    }
    if (appliedSinceCommit >= COMMIT_EVERY) {
      commit();
    }
  }

  /** Commits the index with the sequence it has reached, then prunes the log up to it. */
  private void commit() throws SQLException {
    index.commit(Map.of("seq", Long.toString(applied), "database", databaseId));
    appliedSinceCommit = 0;
    long upTo = applied;
    pool.write(
        c -> {
          PreparedStatement ps = c.prepare(IndexSql.PRUNE_CHANGES);
          ps.setLong(1, upTo);
          return ps.executeUpdate();
        });
  }

  private void closeIndex() {
    SearchIndex current = index;
    index = null;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException e) {
        log.warn("{} - closing the search index {} failed", storeName, folder, e);
      }
    }
  }

  /** Commits what the index has applied and closes it; the store's connections are still open. */
  @Override
  public void close() {
    closed = true;
    background.shutdown();
    try {
      if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
        log.warn("{} - the search index did not finish catching up before closing", storeName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (index != null && appliedSinceCommit > 0) {
        commit();
      }
    } catch (SQLException | UncheckedIOException | IllegalStateException e) {
      log.warn("{} - committing the search index {} on close failed; it catches up next time",
          storeName, folder, e);
    } finally {
      closeIndex();
      lock.unlock();
    }
  }
}
