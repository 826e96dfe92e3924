package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.PutOptions;
import dev.engram.Text;
import dev.engram.ValueTooLargeException;
import dev.engram.spi.EncodedValue;
import dev.engram.spi.JsonCodec;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Validation and resolution of the inputs of store operations, per the store's settings. */
final class Inputs {
  private final StoreSettings settings;

  Inputs(StoreSettings settings) {
    this.settings = settings;
  }

  /** An item's address: a namespace of at least one label and a well-formed key. */
  void checkAddress(Namespace namespace, String key) {
    if (namespace == null) {
      throw new InvalidInputException("namespace must not be null");
    }
    if (namespace.isRoot()) {
      throw new InvalidInputException("namespace must have at least one label");
    }
    if (key == null) {
      throw new InvalidInputException("key must not be null");
    }
    if (key.isEmpty()) {
      throw new InvalidInputException("key must not be empty");
    }
    if (key.length() > settings.maxKeyLength()) {
      throw new InvalidInputException(
          "key is " + key.length() + " characters, more than the maximum of "
              + settings.maxKeyLength());
    }
    Text.requireWellFormed(key, "key");
  }

  /** An address that may be written: also not in the namespace reserved for LangGraph. */
  void checkWritableAddress(Namespace namespace, String key) {
    checkAddress(namespace, key);
    if (namespace.labels().get(0).equals(Namespace.RESERVED_LABEL)) {
      throw new InvalidInputException(
          "namespace \"" + namespace + "\" is reserved: the first label \""
              + Namespace.RESERVED_LABEL + "\" belongs to LangGraph");
    }
  }

  /** The value checked, within the size limit, and encoded. */
  EncodedValue encode(Map<String, Object> value) {
    EncodedValue encoded = JsonCodec.encode(value, "value");
    if (encoded.sizeBytes() > settings.maxValueBytes()) {
      throw new ValueTooLargeException("value", encoded.sizeBytes(), settings.maxValueBytes());
    }
    return encoded;
  }

  /** The TTL a put gives its item (null: never expires), at the stores' microsecond precision. */
  @Nullable Duration ttl(PutOptions options) {
    Duration ttl =
        switch (options.expiry()) {
          case STORE_DEFAULT -> settings.defaultTtl();
          case TTL -> options.ttl();
          case NEVER -> null;
        };
    // The builders guarantee at least one microsecond, so this never truncates to zero.
    return ttl == null ? null : ttl.truncatedTo(ChronoUnit.MICROS);
  }
}
