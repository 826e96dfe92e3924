package dev.engram.server;

import dev.engram.InvalidInputException;
import java.util.Locale;

/**
 * What an API key may do. Scopes are ordered: {@link #WRITE} includes {@link #READ}, and {@link
 * #ADMIN} includes both. Where a key may do it is a separate matter: its namespace grants.
 */
public enum Scope {
  /** Get, search, list namespaces, export. */
  READ,
  /** Put and delete, and everything {@link #READ} allows. */
  WRITE,
  /** Server operations (sweeping expired items), and everything {@link #WRITE} allows. */
  ADMIN;

  /** Whether a key holding this scope may do what {@code needed} guards. */
  public boolean includes(Scope needed) {
    return compareTo(needed) >= 0;
  }

  /** The scope's name as written on the command line and in the key file: {@code read}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code write} or {@code admin}. */
  public static Scope parse(String text) {
    for (Scope scope : values()) {
      if (scope.label().equals(text == null ? null : text.strip().toLowerCase(Locale.ROOT))) {
        return scope;
      }
    }
    throw new InvalidInputException(
        "scope must be read, write or admin, was \"" + text + "\"");
  }
}
