package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.instant;

import dev.engram.conversation.ConversationInfo;
import dev.engram.spi.EncodedMessage;
import dev.engram.spi.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Row mapping of the conversation tables; time conversion is {@link ItemRows}'. */
final class ConversationRows {
  static final String HEADER =
      "id, created_at, updated_at, message_count, ttl_micros, expires_at, metadata";

  private ConversationRows() {}

  /** The header in the current row of a result selecting {@link #HEADER}. */
  static ConversationInfo info(ResultSet rs) throws SQLException {
    long ttl = rs.getLong(5);
    Duration ttlOrNull = rs.wasNull() ? null : Duration.ofNanos(Math.multiplyExact(ttl, 1000L));
    return new ConversationInfo(
        rs.getString(1), instant(rs.getLong(2)), instant(rs.getLong(3)), rs.getLong(4),
        ttlOrNull, ItemRows.nullableInstant(rs, 6),
        JsonCodec.parseObject(rs.getBytes(7), "stored conversation metadata"));
  }

  /**
   * Binds {@link ConversationSql#insertMessages} from parameter {@code first}: conversation id,
   * counter, the messages as arrays, then the conversation id again.
   *
   * @return the next parameter index
   */
  static int bindMessages(
      Connection c, PreparedStatement ps, int first, String id, long after,
      List<EncodedMessage> messages) throws SQLException {
    ps.setString(first, id);
    ps.setLong(first + 1, after);
    int i = bindSource(c, ps, first + 2, messages, false);
    ps.setString(i, id);
    return i + 1;
  }

  /**
   * Binds the ids of a call's messages from parameter {@code first}: one by one with {@code
   * inline}, as one array otherwise.
   *
   * @return the next parameter index
   */
  static int bindIds(
      Connection c, PreparedStatement ps, int first, List<EncodedMessage> messages,
      boolean inline) throws SQLException {
    if (!inline) {
      Object[] ids = messages.stream().map(EncodedMessage::id).toArray();
      ps.setArray(first, c.createArrayOf("text", ids));
      return first + 1;
    }
    int i = first;
    for (EncodedMessage m : messages) {
      ps.setString(i++, m.id());
    }
    return i;
  }

  /**
   * Binds a call's messages as the source of an insert in {@link ConversationSql} from parameter
   * {@code first}: with {@code inline} message by message, id, timestamp and body each; otherwise
   * as three arrays of ids, timestamps and bodies.
   *
   * @return the next parameter index
   */
  static int bindSource(
      Connection c, PreparedStatement ps, int first, List<EncodedMessage> messages,
      boolean inline) throws SQLException {
    int i = first;
    if (inline) {
      for (EncodedMessage m : messages) {
        ps.setString(i++, m.id());
        ps.setLong(i++, ItemRows.micros(m.timestamp()));
        ps.setString(i++, m.json());
      }
      return i;
    }
    String[] ids = new String[messages.size()];
    Long[] timestamps = new Long[messages.size()];
    String[] bodies = new String[messages.size()];
    for (int k = 0; k < ids.length; k++) {
      EncodedMessage m = messages.get(k);
      ids[k] = m.id();
      timestamps[k] = ItemRows.micros(m.timestamp());
      bodies[k] = m.json();
    }
    ps.setArray(i++, c.createArrayOf("text", ids));
    ps.setArray(i++, c.createArrayOf("bigint", timestamps));
    ps.setArray(i++, c.createArrayOf("text", bodies));
    return i;
  }
}
