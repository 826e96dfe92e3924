package dev.engram.postgres;

import dev.engram.Item;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The TTL renewal of the items a refreshing search returns, with or without a query. */
final class Renewals {
  private final Connections connections;
  private final ItemSql sql;

  Renewals(Connections connections, ItemSql sql) {
    this.connections = connections;
    this.sql = sql;
  }

  /**
   * Renews the expiry of the found items that have a TTL, in the store and in the result, with one
   * statement ({@link ItemSql#refreshMany}).
   *
   * @param ttls each item's TTL in microseconds, or null
   * @return the items as they are after their renewal, or as found if one changed or went
   *     meanwhile, as the reference does
   */
  List<Item> refresh(List<Item> items, List<@Nullable Long> ttls, Instant now)
      throws SQLException {
    List<String> namespaces = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (ttls.get(i) != null) {
        namespaces.add(items.get(i).namespace().toString());
        keys.add(items.get(i).key());
      }
    }
    if (keys.isEmpty()) {
      return items;
    }
    long nowMicros = ItemRows.micros(now);
    Map<String, Item> renewed =
        connections.run(
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.refreshMany)) {
                ps.setArray(1, c.createArrayOf("text", namespaces.toArray()));
                ps.setArray(2, c.createArrayOf("text", keys.toArray()));
                ps.setLong(3, nowMicros);
                ps.setLong(4, nowMicros);
                ps.setLong(5, nowMicros);
                Map<String, Item> byAddress = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    Item item = ItemRows.item(rs);
                    byAddress.put(address(item), item);
                  }
                }
                return byAddress;
              }
            });
    List<Item> result = new ArrayList<>(items.size());
    for (Item item : items) {
      result.add(renewed.getOrDefault(address(item), item));
    }
    return result;
  }

  private static String address(Item item) {
    return Hit.address(item.namespace().toString(), item.key());
  }
}
