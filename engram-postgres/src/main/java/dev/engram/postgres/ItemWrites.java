package dev.engram.postgres;

import static dev.engram.postgres.ItemRows.micros;

import dev.engram.Item;
import dev.engram.Namespace;
import dev.engram.spi.ItemIndex;
import dev.engram.spi.PutCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements that write items: each put is one statement, with its index entries replaced in
 * the same statement when it carries an index ({@link IndexSql}), and a put without one is exactly
 * the statement it was before search existed. A delete is one statement too; the item's entries
 * go with it by the foreign key's cascade.
 */
final class ItemWrites {
  private final ItemSql sql;
  private final IndexSql index;
  private final VectorStorage vectors;

  ItemWrites(ItemSql sql, IndexSql index, VectorStorage vectors) {
    this.sql = sql;
    this.index = index;
    this.vectors = vectors;
  }

  /** The one statement of a put; null when its version precondition did not hold. */
  @Nullable Item write(Connection c, PutCommand command) throws SQLException {
    Long ifVersion = command.ifVersion();
    ItemIndex itemIndex = command.index();
    IndexedEntries entries =
        itemIndex == null ? null : IndexedEntries.of(itemIndex, address(command));
    PreparedStatement ps;
    if (ifVersion == null) {
      ps = c.prepareStatement(entries == null ? sql.upsert : index.upsert);
      bindUpsert(c, ps, command, entries);
    } else if (ifVersion == 0) {
      ps = c.prepareStatement(entries == null ? sql.createIfAbsent : index.createIfAbsent);
      int i = bindInsert(ps, 1, command, entries);
      if (entries != null) {
        entries.bindEntries(c, ps, i, vectors);
      }
    } else {
      ps = c.prepareStatement(entries == null ? sql.replaceVersion : index.replaceVersion);
      String json = command.value().json();
      ps.setString(1, json);
      ps.setBoolean(2, JsonbCopy.filterable(json, command.value()));
      ps.setLong(3, micros(command.now()));
      ItemRows.setNullableLong(ps, 4, ItemRows.nullableMicros(command.expiresAt()));
      ItemRows.setNullableLong(ps, 5, ItemRows.micros(command.ttl()));
      int i = entries == null ? 6 : entries.bindColumns(ps, 6);
      i = bindVersioned(ps, i, command.namespace(), command.key(), ifVersion, command.now());
      if (entries != null) {
        entries.bindEntries(c, ps, i, vectors);
      }
    }
    try (ps;
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? stored(command, rs) : null;
    }
  }

  /**
   * Unconditional puts to distinct items, all with an index or all without, as one JDBC batch:
   * the driver pipelines its statements, so the run costs one round trip instead of one per put.
   */
  List<Item> writeAll(Connection c, List<PutCommand> run) throws SQLException {
    boolean indexed = run.get(0).index() != null;
    try (PreparedStatement ps = c.prepareStatement(
        indexed ? index.upsert : sql.upsert, Statement.RETURN_GENERATED_KEYS)) {
      for (PutCommand command : run) {
        ItemIndex itemIndex = command.index();
        bindUpsert(c, ps, command,
            itemIndex == null ? null : IndexedEntries.of(itemIndex, address(command)));
        ps.addBatch();
      }
      ps.executeBatch();
      List<Item> items = new ArrayList<>(run.size());
      try (ResultSet rs = ps.getGeneratedKeys()) {
        for (PutCommand command : run) {
          if (!rs.next()) {
            throw new SQLException("the batch returned fewer rows than it had puts");
          }
          items.add(stored(command, rs));
        }
      }
      return items;
    }
  }

  /**
   * Replaces the index of the item if it is visible with this version.
   *
   * @return whether it was
   */
  boolean reindex(Connection c, Namespace namespace, String key, long version,
      ItemIndex itemIndex, Instant now) throws SQLException {
    IndexedEntries entries = IndexedEntries.of(itemIndex, namespace + "/" + key);
    try (PreparedStatement ps = c.prepareStatement(index.reindex)) {
      int i = entries.bindColumns(ps, 1);
      i = bindVersioned(ps, i, namespace, key, version, now);
      entries.bindEntries(c, ps, i, vectors);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  /** Removes the row whatever its expiry; true when it was visible. */
  boolean deleteAny(Connection c, String ns, String key, long nowMicros) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.delete)) {
      ps.setString(1, ns);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        long expires = rs.getLong(1);
        return rs.wasNull() || expires > nowMicros;
      }
    }
  }

  /** Removes the visible row of that version; true when there was one. */
  boolean deleteVersion(Connection c, String ns, String key, long version, long nowMicros)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.deleteVersion)) {
      ps.setString(1, ns);
      ps.setString(2, key);
      ps.setLong(3, version);
      ps.setLong(4, nowMicros);
      return ps.executeUpdate() > 0;
    }
  }

  /** Binds the upsert of {@link ItemSql}, or with entries the one of {@link IndexSql}. */
  private void bindUpsert(Connection c, PreparedStatement ps, PutCommand command,
      @Nullable IndexedEntries entries) throws SQLException {
    int i = 1;
    if (entries != null) {
      ps.setString(i++, command.namespace().toString());
      ps.setString(i++, command.key());
      i = entries.bindEntries(c, ps, i, vectors);
    }
    bindInsert(ps, i, command, entries);
  }

  /**
   * Binds the parameters of an insert from {@code first} on: the eight of the item, then the index
   * columns when there are entries.
   *
   * @return the next parameter index
   */
  private static int bindInsert(PreparedStatement ps, int first, PutCommand command,
      @Nullable IndexedEntries entries) throws SQLException {
    long now = micros(command.now());
    String json = command.value().json();
    int i = first;
    ps.setString(i++, command.namespace().toString());
    ps.setString(i++, command.key());
    ps.setString(i++, json);
    ps.setBoolean(i++, JsonbCopy.filterable(json, command.value()));
    ps.setLong(i++, now);
    ps.setLong(i++, now);
    ItemRows.setNullableLong(ps, i++, ItemRows.nullableMicros(command.expiresAt()));
    ItemRows.setNullableLong(ps, i++, ItemRows.micros(command.ttl()));
    return entries == null ? i : entries.bindColumns(ps, i);
  }

  /** Binds {@code namespace = ? AND key = ? AND version = ? AND <visible at ?>}. */
  private static int bindVersioned(PreparedStatement ps, int i, Namespace namespace, String key,
      long version, Instant now) throws SQLException {
    ps.setString(i, namespace.toString());
    ps.setString(i + 1, key);
    ps.setLong(i + 2, version);
    ps.setLong(i + 3, micros(now));
    return i + 4;
  }

  /** The item a put stored, from its row of {@code RETURNING created_at, version}. */
  private static Item stored(PutCommand command, ResultSet rs) throws SQLException {
    return new Item(
        command.namespace(), command.key(), command.value().canonical(),
        ItemRows.instant(rs.getLong(1)), command.now(), command.expiresAt(), rs.getLong(2));
  }

  private static String address(PutCommand command) {
    return command.namespace() + "/" + command.key();
  }
}
