package dev.engram.sqlite;

import dev.engram.conversation.ConversationInfo;
import dev.engram.spi.Filter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * One page of the conversation listing: visible conversations in id order (the primary key), the
 * metadata filter pushed down as a superset prefilter ({@link FilterSql}) and every candidate
 * re-checked with {@link Filter#matches}. Candidates are read in chunks after the last id seen
 * until the page is full, so a prefilter that lets extra rows through costs another chunk, never
 * a wrong page.
 */
final class ConversationListing {
  private final SqliteConnection c;
  private final Filter filter;
  private final long nowMicros;
  private final Logger log;
  private final String storeName;

  ConversationListing(
      SqliteConnection c, Filter filter, long nowMicros, Logger log, String storeName) {
    this.c = c;
    this.filter = filter;
    this.nowMicros = nowMicros;
    this.log = log;
    this.storeName = storeName;
  }

  List<ConversationInfo> page(String afterId, int limit) throws SQLException {
    FilterSql.Compiled pushed = FilterSql.compile(filter);
    try {
      return page(afterId, limit, pushed);
    } catch (SQLException e) {
      // Metadata SQLite's JSON parser refuses (nested deeper than its limit) fails the pushed-down
      // functions; the Java check alone still gives the exact answer.
      if (!pushed.sql().isEmpty() && String.valueOf(e.getMessage()).contains("JSON")) {
        log.warn("{} - metadata filter pushdown failed, listing without it: {}", storeName,
            e.getMessage());
        return page(afterId, limit, new FilterSql.Compiled("", List.of()));
      }
      throw e;
    }
  }

  private List<ConversationInfo> page(String afterId, int limit, FilterSql.Compiled pushed)
      throws SQLException {
    PreparedStatement ps =
        c.prepare(ConversationSql.LIST_HEAD + pushed.sql() + ConversationSql.LIST_TAIL);
    List<ConversationInfo> page = new ArrayList<>();
    String after = afterId;
    while (true) {
      ps.setString(1, after);
      ps.setLong(2, nowMicros);
      int next = FilterBinds.bind(ps, 3, pushed.binds());
      ps.setInt(next, limit);
      int read = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read++;
          ConversationInfo info = ConversationRows.info(rs);
          after = info.id();
          if (filter.matches(info.metadata())) {
            page.add(info);
            if (page.size() == limit) {
              return page;
            }
          }
        }
      }
      if (read < limit) {
        return page;
      }
    }
  }
}
