package dev.engram.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds the parameters of a {@link FilterSql.Compiled} prefilter. */
final class FilterBinds {
  private FilterBinds() {}

  /** Binds {@code binds} from parameter {@code first} on; returns the next parameter index. */
  static int bind(PreparedStatement ps, int first, List<Object> binds) throws SQLException {
    int i = first;
    for (Object bind : binds) {
      switch (bind) {
        case String s -> ps.setString(i++, s);
        case Long l -> ps.setLong(i++, l);
        case Double d -> ps.setDouble(i++, d);
        default -> throw new IllegalStateException("unexpected bind " + bind.getClass());
      }
    }
    return i;
  }
}
