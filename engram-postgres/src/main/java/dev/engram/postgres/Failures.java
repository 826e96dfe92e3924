package dev.engram.postgres;

import dev.engram.BackendUnavailableException;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns driver and pool errors into Engram's exceptions, naming the store and the operation and,
 * where the cause is recognisable, saying what to do about it. Messages carry the driver's text,
 * which never holds the password.
 */
final class Failures {
  private final String storeName;
  private final PostgresSettings settings;

  Failures(PostgresSettings settings) {
    this.storeName = settings.storeName();
    this.settings = settings;
  }

  /**
   * The exception to throw for {@code e}: {@link InvalidInputException} when PostgreSQL refused the
   * input itself (an address too long for its index), else {@link BackendUnavailableException}.
   *
   * @param what the operation, e.g. {@code "put of users.alice/prefs"}
   */
  EngramException of(String what, SQLException e) {
    String message = storeName + " - " + what + " failed: " + e.getMessage();
    String state = String.valueOf(e.getSQLState());
    if (state.equals("54000")) {
      // program_limit_exceeded: a B-tree entry holds at most about a third of an 8 kB page.
      return new InvalidInputException(
          message + " (namespace and key together are too long for PostgreSQL's index, about 2.7 kB"
              + " after compression; use shorter ones)", e);
    }
    return new BackendUnavailableException(message + hint(e, state), e);
  }

  private String hint(SQLException e, String state) {
    if (e instanceof SQLTransientConnectionException) {
      // HikariCP's timeout: the pool could neither lend nor open a connection in time. Its cause,
      // when there is one, is why the last attempt to connect failed.
      Throwable cause = e.getCause();
      return " (no connection within connectTimeoutMs=" + settings.connectTimeoutMs()
          + ": the database is unreachable, or all poolSize=" + settings.poolSize()
          + " connections stayed busy"
          + (cause == null ? "" : "; last attempt to connect: " + cause.getMessage()) + ")";
    }
    if (hasCause(e, SocketTimeoutException.class)) {
      return " (no answer within socketTimeoutMs=" + settings.socketTimeoutMs()
          + "; the connection is dropped and the next operation uses a new one)";
    }
    if (state.startsWith("08") || state.startsWith("57P")) {
      return " (the connection to the database was lost; the store reconnects by itself)";
    }
    if (state.equals("40P01") || state.equals("40001")) {
      return " (a concurrent transaction conflicted with this one; nothing was applied and the"
          + " operation may be retried)";
    }
    if (state.equals("53300")) {
      return " (the server has no connection slots left; lower poolSize or raise the server's"
          + " max_connections)";
    }
    return "";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The pool could not make its first connection when the store was opened. */
  BackendUnavailableException cannotConnect(RuntimeException e) {
    return new BackendUnavailableException(
        storeName + " - opening failed: " + e.getMessage() + " (no connection within"
            + " connectTimeoutMs=" + settings.connectTimeoutMs() + ")", e);
  }
}
