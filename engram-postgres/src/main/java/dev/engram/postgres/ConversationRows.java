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
   * Binds the message arrays of {@link ConversationSql#insertMessages} from parameter {@code
   * first}: conversation id, counter, ids, timestamps, bodies, conversation id.
   *
   * @return the next parameter index
   */
  static int bindMessages(
      Connection c, PreparedStatement ps, int first, String id, long after,
      List<EncodedMessage> messages) throws SQLException {
    String[] ids = new String[messages.size()];
    Long[] timestamps = new Long[messages.size()];
    String[] bodies = new String[messages.size()];
    for (int i = 0; i < ids.length; i++) {
      EncodedMessage m = messages.get(i);
      ids[i] = m.id();
      timestamps[i] = ItemRows.micros(m.timestamp());
      bodies[i] = m.json();
    }
    int i = first;
    ps.setString(i++, id);
    ps.setLong(i++, after);
    ps.setArray(i++, c.createArrayOf("text", ids));
    ps.setArray(i++, c.createArrayOf("bigint", timestamps));
    ps.setArray(i++, c.createArrayOf("text", bodies));
    ps.setString(i++, id);
    return i;
  }
}
