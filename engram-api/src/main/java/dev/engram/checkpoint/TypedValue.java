package dev.engram.checkpoint;

import dev.engram.InvalidInputException;
import java.util.Arrays;

/**
 * A serialized value: the serializer's type tag and its bytes, stored and returned unchanged. For
 * LangGraph this is what its serde produces ({@code "msgpack"}, {@code "json"}, {@code "bytes"},
 * ...). Immutable: the bytes are copied in and out.
 */
public final class TypedValue {
  private final String type;
  private final byte[] data;

  public TypedValue(String type, byte[] data) {
    if (type == null || type.isEmpty()) {
      throw new InvalidInputException("typed value type must not be empty");
    }
    if (data == null) {
      throw new InvalidInputException("typed value data must not be null (use an empty array)");
    }
    this.type = type;
    this.data = data.clone();
  }

  public static TypedValue of(String type, byte[] data) {
    return new TypedValue(type, data);
  }

  /** The serializer's type tag. */
  public String type() {
    return type;
  }

  /** A copy of the bytes. */
  public byte[] data() {
    return data.clone();
  }

  /** The number of bytes. */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypedValue other && type.equals(other.type) && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "TypedValue[" + type + ", " + data.length + " bytes]";
  }
}
