package dev.engram.postgres;

/**
 * The statements on one schema's checkpoint tables, built once per backend (table names cannot be
 * bound). A thread is visible when its {@code engram_checkpoint_threads} row is {@link
 * ItemSql#LIVE}; checkpoint queries select {@link CheckpointRows#COLUMNS} in that order.
 */
final class CheckpointSql {
  final String threads;
  final String checkpoints;
  final String blobs;
  final String writes;
  final String liveThread;
  final String purgeIfExpired;
  final String upsertThread;
  final String renewLiveThread;
  final String refreshThread;
  final String upsertCheckpoint;
  final String deleteBlobsOf;
  final String insertBlob;
  final String lockCheckpoint;
  final String insertWrite;
  final String upsertWrite;
  final String latest;
  final String byId;
  final String blobsOf;
  final String writesOf;
  final String deleteThread;
  final String copyCheckpoints;
  final String copyBlobs;
  final String copyWrites;
  final String pruneHistory;
  final String deleteCheckpointsOf;
  final String threadPage;
  final String stats;
  final String deleteExpired;

  CheckpointSql(String schema) {
    String q = Schema.quote(schema);
    threads = q + ".engram_checkpoint_threads";
    checkpoints = q + ".engram_checkpoints";
    blobs = q + ".engram_checkpoint_blobs";
    writes = q + ".engram_checkpoint_writes";
    String columns = CheckpointRows.COLUMNS;
    String liveT = "(t.expires_at IS NULL OR t.expires_at > ?)";

    liveThread = "SELECT 1 FROM " + threads + " WHERE thread_id = ? AND " + ItemSql.LIVE;
    // An expired thread is emptied before it is written again; the cascade takes everything.
    purgeIfExpired = "DELETE FROM " + threads + " WHERE thread_id = ? AND expires_at <= ?";
    upsertThread =
        "INSERT INTO " + threads + " (thread_id, expires_at, ttl_micros) VALUES (?, ?, ?)"
            + " ON CONFLICT (thread_id) DO UPDATE SET expires_at = EXCLUDED.expires_at,"
            + " ttl_micros = EXCLUDED.ttl_micros";
    // putWrites: the TTL of the last write, only on a visible thread. Taking the thread row first,
    // as put does, keeps the two from locking in opposite orders.
    renewLiveThread =
        "UPDATE " + threads + " SET expires_at = ?, ttl_micros = ? WHERE thread_id = ? AND "
            + ItemSql.LIVE;
    refreshThread =
        "UPDATE " + threads + " SET expires_at = ? + ttl_micros"
            + " WHERE thread_id = ? AND ttl_micros IS NOT NULL AND expires_at > ?";

    upsertCheckpoint =
        "INSERT INTO " + checkpoints + " (thread_id, " + columns + ", metadata_jsonb)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id) DO UPDATE SET"
            + " parent_id = EXCLUDED.parent_id, ts = EXCLUDED.ts, state = EXCLUDED.state,"
            + " metadata = EXCLUDED.metadata, metadata_jsonb = EXCLUDED.metadata_jsonb";
    String oneCheckpoint = " WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?";
    deleteBlobsOf = "DELETE FROM " + blobs + oneCheckpoint;
    insertBlob =
        "INSERT INTO " + blobs + " (thread_id, checkpoint_ns, checkpoint_id, name, type, data)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    // Holds the checkpoint against a concurrent delete until the writes are in.
    lockCheckpoint = "SELECT 1 FROM " + checkpoints + oneCheckpoint + " FOR KEY SHARE";
    String writeInsert =
        "INSERT INTO " + writes + " (thread_id, checkpoint_ns, checkpoint_id, task_id, idx,"
            + " task_path, channel, type, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)";
    insertWrite = writeInsert + " DO NOTHING";
    upsertWrite =
        writeInsert + " DO UPDATE SET task_path = EXCLUDED.task_path,"
            + " channel = EXCLUDED.channel, type = EXCLUDED.type, data = EXCLUDED.data";

    // Tuple reads check the thread's visibility in the same statement. The latest checkpoint is a
    // backward seek on the primary key.
    String visible =
        " AND EXISTS (SELECT 1 FROM " + threads + " t WHERE t.thread_id = c.thread_id AND "
            + liveT + ")";
    latest =
        "SELECT " + columns + " FROM " + checkpoints + " c WHERE thread_id = ? AND"
            + " checkpoint_ns = ?" + visible + " ORDER BY checkpoint_id DESC LIMIT 1";
    byId =
        "SELECT " + columns + " FROM " + checkpoints + " c" + oneCheckpoint + visible;
    // Blobs and writes of several checkpoints of a thread at once: (namespaces[], ids[]).
    String ofKeys =
        " x JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(ns, id)"
            + " ON x.checkpoint_ns = k.ns AND x.checkpoint_id = k.id WHERE x.thread_id = ?";
    blobsOf = "SELECT x.checkpoint_ns, x.checkpoint_id, x.name, x.type, x.data FROM " + blobs
        + ofKeys + " ORDER BY x.name";
    writesOf = "SELECT x.checkpoint_ns, x.checkpoint_id, x.task_id, x.task_path, x.channel,"
        + " x.type, x.data FROM " + writes + ofKeys + " ORDER BY x.task_path, x.task_id, x.idx";

    deleteThread = "DELETE FROM " + threads + " WHERE thread_id = ? RETURNING expires_at";

    // Copying keeps the target's own checkpoints: the checkpoints go first (the children's
    // foreign keys need them) and say which were new; only those get blobs and writes.
    // Parameters: target, source.
    copyCheckpoints =
        "INSERT INTO " + checkpoints + " (thread_id, " + columns + ", metadata_jsonb)"
            + " SELECT ?, s.checkpoint_ns, s.checkpoint_id, s.parent_id, s.ts, s.state,"
            + " s.metadata, s.metadata_jsonb FROM " + checkpoints + " s WHERE s.thread_id = ?"
            + " ON CONFLICT DO NOTHING RETURNING checkpoint_ns, checkpoint_id";
    // Parameters: target, namespaces[], ids[], source.
    copyBlobs =
        "INSERT INTO " + blobs + " (thread_id, checkpoint_ns, checkpoint_id, name, type, data)"
            + " SELECT ?, x.checkpoint_ns, x.checkpoint_id, x.name, x.type, x.data FROM " + blobs
            + ofKeys;
    copyWrites =
        "INSERT INTO " + writes + " (thread_id, checkpoint_ns, checkpoint_id, task_id, idx,"
            + " task_path, channel, type, data) SELECT ?, x.checkpoint_ns, x.checkpoint_id,"
            + " x.task_id, x.idx, x.task_path, x.channel, x.type, x.data FROM " + writes + ofKeys;

    // Keeps each namespace's greatest id; blobs and writes of the others go by cascade.
    pruneHistory =
        "DELETE FROM " + checkpoints + " c WHERE c.thread_id = ? AND c.checkpoint_id <"
            + " (SELECT max(l.checkpoint_id) FROM " + checkpoints + " l"
            + " WHERE l.thread_id = c.thread_id AND l.checkpoint_ns = c.checkpoint_ns)";
    deleteCheckpointsOf = "DELETE FROM " + checkpoints + " WHERE thread_id = ?";

    threadPage =
        "SELECT thread_id FROM " + threads + " WHERE thread_id > ? AND " + ItemSql.LIVE
            + " ORDER BY thread_id LIMIT ?";
    // One statement, one snapshot: the three counts agree.
    stats =
        "SELECT (SELECT count(*) FROM " + threads + " t WHERE " + liveT + "),"
            + " (SELECT count(*) FROM " + checkpoints + " x JOIN " + threads
            + " t USING (thread_id) WHERE " + liveT + "),"
            + " (SELECT count(*) FROM " + writes + " x JOIN " + threads
            + " t USING (thread_id) WHERE " + liveT + ")";
    // As for items (ItemSql#deleteExpired): a bounded, lock-skipping batch of threads; the cascade
    // removes what they hold in the same statement.
    deleteExpired =
        "DELETE FROM " + threads + " WHERE thread_id IN (SELECT thread_id FROM " + threads
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)";
  }

  /** The listing query of a thread; see {@link CheckpointRows#list}. */
  String list(boolean namespace, boolean id, boolean before, String filterSql, boolean limit) {
    StringBuilder text =
        new StringBuilder("SELECT ").append(CheckpointRows.COLUMNS).append(" FROM ")
            .append(checkpoints).append(" WHERE thread_id = ?");
    if (namespace) {
      text.append(" AND checkpoint_ns = ?");
    }
    if (id) {
      text.append(" AND checkpoint_id = ?");
    }
    if (before) {
      text.append(" AND checkpoint_id < ?");
    }
    text.append(filterSql).append(" ORDER BY checkpoint_id DESC, checkpoint_ns");
    return limit ? text.append(" LIMIT ?").toString() : text.toString();
  }
}
