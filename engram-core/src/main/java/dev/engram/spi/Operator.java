package dev.engram.spi;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A filter operator, as written in JSON ({@code "$gt"}). */
public enum Operator {
  EQ("$eq"),
  NE("$ne"),
  GT("$gt"),
  GTE("$gte"),
  LT("$lt"),
  LTE("$lte"),
  IN("$in"),
  NIN("$nin"),
  EXISTS("$exists");

  /** Every operator's JSON name, for error messages. */
  public static final String SUPPORTED =
      Arrays.stream(values()).map(Operator::json).collect(Collectors.joining(", "));

  private final String json;

  Operator(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  /** Whether this is one of $gt, $gte, $lt, $lte. */
  public boolean isOrdering() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }

  /** The operator written {@code json}, or null. */
  public static @Nullable Operator fromJson(String json) {
    for (Operator op : values()) {
      if (op.json.equals(json)) {
        return op;
      }
    }
    return null;
  }
}
