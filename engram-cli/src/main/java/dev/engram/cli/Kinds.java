package dev.engram.cli;

import dev.engram.core.transfer.DataKind;
import java.util.EnumSet;
import java.util.Set;

/** The {@code --kind} option of export and migrate: one kind, or {@code all}. */
final class Kinds {
  static final String ALL = "all";

  private Kinds() {}

  static Set<DataKind> parse(String text) {
    return ALL.equals(text) ? EnumSet.allOf(DataKind.class) : EnumSet.of(DataKind.fromJson(text));
  }
}
