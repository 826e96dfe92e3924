package dev.engram.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A value checked and encoded once by the engine: its canonical form (what every read returns) and
 * its JSON text as UTF-8 bytes. Backends store whichever suits them.
 */
public record EncodedValue(Map<String, Object> canonical, byte[] utf8) {

  /** The JSON text. */
  public String json() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  public int sizeBytes() {
    return utf8.length;
  }
}
