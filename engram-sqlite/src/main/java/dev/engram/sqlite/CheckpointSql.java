package dev.engram.sqlite;

/**
 * The statements of the checkpoint tables, kept as constants so each is prepared once per
 * connection. A thread is visible when its {@code checkpoint_threads} row is {@link ItemSql#LIVE}.
 * Checkpoint queries select {@link #COLUMNS} in this order.
 */
final class CheckpointSql {
  private CheckpointSql() {}

  static final String COLUMNS = "checkpoint_ns, checkpoint_id, parent_id, ts, state, metadata";

  static final String THREAD_TTL_IF_LIVE =
      "SELECT ttl_micros FROM checkpoint_threads WHERE thread_id = ? AND " + ItemSql.LIVE;

  static final String THREAD_EXPIRY =
      "SELECT expires_at FROM checkpoint_threads WHERE thread_id = ?";

  static final String UPSERT_THREAD =
      "INSERT INTO checkpoint_threads (thread_id, expires_at, ttl_micros) VALUES (?, ?, ?)"
          + " ON CONFLICT (thread_id) DO UPDATE SET expires_at = excluded.expires_at,"
          + " ttl_micros = excluded.ttl_micros";

  static final String REFRESH_THREAD =
      "UPDATE checkpoint_threads SET expires_at = ? + ttl_micros"
          + " WHERE thread_id = ? AND ttl_micros IS NOT NULL AND " + ItemSql.LIVE;

  static final String UPSERT_CHECKPOINT =
      """
      INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_id, ts, state, \
      metadata)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id) DO UPDATE SET
        parent_id = excluded.parent_id,
        ts = excluded.ts,
        state = excluded.state,
        metadata = excluded.metadata""";

  static final String CHECKPOINT_EXISTS =
      "SELECT 1 FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?";

  static final String LATEST =
      "SELECT " + COLUMNS + " FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ?"
          + " ORDER BY checkpoint_id DESC LIMIT 1";

  static final String BY_ID =
      "SELECT " + COLUMNS + " FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ?"
          + " AND checkpoint_id = ?";

  static final String DELETE_BLOBS_OF =
      "DELETE FROM checkpoint_blobs WHERE thread_id = ? AND checkpoint_ns = ?"
          + " AND checkpoint_id = ?";

  static final String INSERT_BLOB =
      "INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, checkpoint_id, name, type, data)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  static final String BLOBS =
      "SELECT name, type, data FROM checkpoint_blobs WHERE thread_id = ? AND checkpoint_ns = ?"
          + " AND checkpoint_id = ? ORDER BY name";

  private static final String WRITE_INSERT =
      "INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx,"
          + " task_path, channel, type, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)";

  /** A normal write: kept only when the task has nothing at its index yet. */
  static final String INSERT_WRITE = WRITE_INSERT + " DO NOTHING";

  /** A special channel's write: replaces what the task has at its fixed index. */
  static final String UPSERT_WRITE =
      WRITE_INSERT + " DO UPDATE SET task_path = excluded.task_path, channel = excluded.channel,"
          + " type = excluded.type, data = excluded.data";

  static final String WRITES =
      "SELECT task_id, task_path, channel, type, data FROM checkpoint_writes WHERE thread_id = ?"
          + " AND checkpoint_ns = ? AND checkpoint_id = ? ORDER BY task_path, task_id, idx";

  /** Everything a thread holds, table by table (threads last). */
  static final String[] PURGE = {
    "DELETE FROM checkpoint_writes WHERE thread_id = ?",
    "DELETE FROM checkpoint_blobs WHERE thread_id = ?",
    "DELETE FROM checkpoints WHERE thread_id = ?",
    "DELETE FROM checkpoint_threads WHERE thread_id = ?"
  };

  static final String COUNT_CHECKPOINTS_OF =
      "SELECT COUNT(*) FROM checkpoints WHERE thread_id = ?";

  // Copying: blobs and writes first, of the checkpoints the target does not have yet; then the
  // checkpoints themselves, keeping the target's own. Parameters: target, source, target.
  private static final String NOT_IN_TARGET =
      " WHERE s.thread_id = ? AND NOT EXISTS (SELECT 1 FROM checkpoints t WHERE t.thread_id = ?"
          + " AND t.checkpoint_ns = s.checkpoint_ns AND t.checkpoint_id = s.checkpoint_id)";

  static final String COPY_BLOBS =
      "INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, checkpoint_id, name, type, data)"
          + " SELECT ?, s.checkpoint_ns, s.checkpoint_id, s.name, s.type, s.data"
          + " FROM checkpoint_blobs s" + NOT_IN_TARGET;

  static final String COPY_WRITES =
      "INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx,"
          + " task_path, channel, type, data) SELECT ?, s.checkpoint_ns, s.checkpoint_id,"
          + " s.task_id, s.idx, s.task_path, s.channel, s.type, s.data FROM checkpoint_writes s"
          + NOT_IN_TARGET;

  static final String COPY_CHECKPOINTS =
      "INSERT INTO checkpoints (thread_id, " + COLUMNS + ") SELECT ?, s.checkpoint_ns,"
          + " s.checkpoint_id, s.parent_id, s.ts, s.state, s.metadata FROM checkpoints s"
          + NOT_IN_TARGET;

  // Pruning to the latest checkpoint of each namespace: a row whose id is below its namespace's
  // greatest goes. Parameter: the thread.
  private static final String OLDER_THAN_LATEST =
      " WHERE thread_id = ? AND checkpoint_id < (SELECT MAX(l.checkpoint_id) FROM checkpoints l"
          + " WHERE l.thread_id = %1$s.thread_id AND l.checkpoint_ns = %1$s.checkpoint_ns)";

  static final String[] PRUNE_HISTORY = {
    "DELETE FROM checkpoint_writes" + OLDER_THAN_LATEST.formatted("checkpoint_writes"),
    "DELETE FROM checkpoint_blobs" + OLDER_THAN_LATEST.formatted("checkpoint_blobs"),
    "DELETE FROM checkpoints" + OLDER_THAN_LATEST.formatted("checkpoints")
  };

  static final String THREADS =
      "SELECT thread_id FROM checkpoint_threads WHERE thread_id > ? AND " + ItemSql.LIVE
          + " ORDER BY thread_id LIMIT ?";

  private static final String LIVE_THREAD =
      " JOIN checkpoint_threads t ON t.thread_id = x.thread_id"
          + " WHERE t.expires_at IS NULL OR t.expires_at > ?";

  static final String COUNT_THREADS =
      "SELECT COUNT(*) FROM checkpoint_threads WHERE " + ItemSql.LIVE;

  static final String COUNT_CHECKPOINTS = "SELECT COUNT(*) FROM checkpoints x" + LIVE_THREAD;

  static final String COUNT_WRITES = "SELECT COUNT(*) FROM checkpoint_writes x" + LIVE_THREAD;

  static final String EXPIRED_THREADS =
      "SELECT thread_id FROM checkpoint_threads WHERE expires_at <= ? ORDER BY expires_at LIMIT ?";

  /**
   * Listing of one thread, newest first, the metadata exposed as {@code value} for {@link
   * FilterSql}; optional conditions and the filter's SQL go between head and tail.
   */
  static final String LIST_HEAD =
      "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + ", metadata AS value FROM checkpoints"
          + " WHERE thread_id = ?";

  static final String LIST_NAMESPACE = " AND checkpoint_ns = ?";
  static final String LIST_ID = " AND checkpoint_id = ?";
  static final String LIST_BEFORE = " AND checkpoint_id < ?";
  static final String LIST_FILTER = ") WHERE 1";
  static final String LIST_TAIL = " ORDER BY checkpoint_id DESC, checkpoint_ns";
}
