package dev.engram.benchmarks;

import dev.engram.Namespace;
import dev.engram.Store;
import dev.engram.StoreOp;
import dev.engram.core.Engram;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server the PostgreSQL benchmarks run on: the one on this machine's loopback (user
 * {@code postgres} without password, database {@code test}), override with {@code
 * -Dengram.bench.postgres=host:port/database}. Engram and its floor each get a schema of their own,
 * made afresh for every trial and dropped after it.
 */
final class PostgresBenchServer {
  static final String ADDRESS = System.getProperty("engram.bench.postgres", "127.0.0.1:5432/test");
  static final String USER = "postgres";
  static final String STORE_SCHEMA = "engram_bench_store";
  static final String RAW_SCHEMA = "engram_bench_raw";
  /** Puts per batch in the batch benchmarks. */
  static final int BATCH = 100;

  private PostgresBenchServer() {}

  static String storeUri(String schema) {
    return "postgresql://" + USER + "@" + ADDRESS + "?schema=" + schema;
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + ADDRESS, USER, "");
  }

  static void dropSchema(String schema) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /**
   * Makes the server quiet before a measurement: the schema's tables vacuumed and analyzed, as
   * autovacuum would soon do, then every dirty page written out ({@code CHECKPOINT}). Otherwise
   * what the setup (or an earlier trial) left in memory is written back during the measurement,
   * and those writes compete with the measured commits for the disk.
   */
  static void settle(String schema) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = '" + schema + "'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        s.execute("VACUUM ANALYZE " + schema + "." + table);
      }
      s.execute("CHECKPOINT");
    }
  }

  /**
   * Opens an Engram store on a fresh schema and loads the data set, so Engram and the floor run on
   * the same table layout, indexes and data. Loaded in batches, then analyzed as autovacuum would.
   */
  static Store freshLoadedStore(String schema) throws SQLException {
    dropSchema(schema);
    Store store = Engram.store(storeUri(schema)).backgroundSweep(false).refreshOnRead(false).open();
    List<StoreOp> ops = new ArrayList<>();
    for (int i = 0; i < BenchData.ITEMS; i++) {
      ops.add(StoreOp.put(Namespace.of(BenchData.namespaceLabels(i)), BenchData.key(i),
          BenchData.value(i)));
      if (ops.size() == 500) {
        store.batch(ops);
        ops.clear();
      }
    }
    store.batch(ops);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE " + schema + ".engram_items");
    }
    return store;
  }
}
