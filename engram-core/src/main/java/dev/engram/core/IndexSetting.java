package dev.engram.core;

import dev.engram.EngramException;
import dev.engram.IndexConfig;
import dev.engram.spi.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index configuration as a store keeps it (setting {@value #NAME}): the configuration with
 * its embedder resolved, plus whether a change of fields still waits for a complete reindex.
 */
record IndexSetting(IndexConfig config, boolean pending) {
  static final String NAME = "index";

  String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("embedder", config.embedder());
    json.put("dimensions", config.dimensions());
    json.put("fields", config.fields());
    json.put("pending", pending);
    return JsonCodec.toJson(json);
  }

  static IndexSetting parse(String json, String store) {
    try {
      Map<String, Object> map = JsonCodec.parseObject(json, "index setting");
      @SuppressWarnings("unchecked")
      List<String> fields = (List<String>) map.get("fields");
      IndexConfig config =
          IndexConfig.builder()
              .embedder((String) map.get("embedder"))
              .dimensions(((Number) map.get("dimensions")).intValue())
              .fields(fields)
              .build();
      return new IndexSetting(config, Boolean.TRUE.equals(map.get("pending")));
    } catch (RuntimeException e) {
      throw new EngramException(
          "the index configuration stored in " + store + " is unreadable (" + e.getMessage()
              + "): " + json,
          e);
    }
  }
}
