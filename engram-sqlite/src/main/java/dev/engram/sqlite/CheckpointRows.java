package dev.engram.sqlite;

import dev.engram.checkpoint.Checkpoint;
import dev.engram.checkpoint.CheckpointConfig;
import dev.engram.checkpoint.CheckpointTuple;
import dev.engram.checkpoint.PendingWrite;
import dev.engram.checkpoint.TypedValue;
import dev.engram.spi.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a checkpoint tuple: the row selecting {@link CheckpointSql#COLUMNS}, its blobs, writes. */
final class CheckpointRows {
  private CheckpointRows() {}

  /** The tuple of the current row, with its blobs and pending writes read on {@code c}. */
  static CheckpointTuple tuple(SqliteConnection c, String threadId, ResultSet rs)
      throws SQLException {
    String ns = rs.getString(1);
    String id = rs.getString(2);
    String parent = rs.getString(3);
    Checkpoint checkpoint =
        new Checkpoint(
            id, ItemRows.instant(rs.getLong(4)),
            JsonCodec.parseObject(rs.getString(5), "stored checkpoint state"),
            blobs(c, threadId, ns, id));
    return new CheckpointTuple(
        CheckpointConfig.of(threadId, ns, id),
        checkpoint,
        JsonCodec.parseObject(rs.getString(6), "stored checkpoint metadata"),
        parent == null ? null : CheckpointConfig.of(threadId, ns, parent),
        writes(c, threadId, ns, id));
  }

  private static Map<String, TypedValue> blobs(
      SqliteConnection c, String threadId, String ns, String id) throws SQLException {
    PreparedStatement ps = c.prepare(CheckpointSql.BLOBS);
    bindCheckpoint(ps, threadId, ns, id);
    Map<String, TypedValue> blobs = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        blobs.put(rs.getString(1), TypedValue.of(rs.getString(2), bytes(rs.getBytes(3))));
      }
    }
    return blobs;
  }

  private static List<PendingWrite> writes(
      SqliteConnection c, String threadId, String ns, String id) throws SQLException {
    PreparedStatement ps = c.prepare(CheckpointSql.WRITES);
    bindCheckpoint(ps, threadId, ns, id);
    List<PendingWrite> writes = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        writes.add(new PendingWrite(rs.getString(1), rs.getString(2), rs.getString(3),
            TypedValue.of(rs.getString(4), bytes(rs.getBytes(5)))));
      }
    }
    return List.copyOf(writes);
  }

  /** Binds (thread, namespace, checkpoint id) as parameters 1 to 3. */
  static void bindCheckpoint(PreparedStatement ps, String threadId, String ns, String id)
      throws SQLException {
    ps.setString(1, threadId);
    ps.setString(2, ns);
    ps.setString(3, id);
  }

  /** sqlite-jdbc reads an empty blob as null. */
  static byte[] bytes(byte[] data) {
    return data == null ? new byte[0] : data;
  }
}
