package dev.engram.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds the parameters of a {@link FilterSql.Compiled} condition. */
final class FilterBinds {
  private FilterBinds() {}

  /**
   * Binds {@code binds} ({@code String} or {@code String[]}, a text array) from parameter {@code
   * first} on.
   *
   * @return the next parameter index
   */
  static int bind(Connection c, PreparedStatement ps, int first, List<Object> binds)
      throws SQLException {
    int i = first;
    for (Object bind : binds) {
      if (bind instanceof String[] array) {
        ps.setArray(i++, c.createArrayOf("text", array));
      } else {
        ps.setString(i++, (String) bind);
      }
    }
    return i;
  }
}
