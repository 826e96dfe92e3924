package dev.engram;

/** Argument checks shared by the option builders, with messages that name the setting. */
final class Checks {
  private Checks() {}

  static int limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new InvalidInputException("limit must be between 1 and " + max + ", was " + limit);
    }
    return limit;
  }

  static int offset(int offset) {
    if (offset < 0) {
      throw new InvalidInputException("offset must be 0 or more, was " + offset);
    }
    return offset;
  }

  /** A TTL of at least one microsecond, the precision every store keeps time in. */
  static java.time.Duration ttl(java.time.Duration ttl, String setting) {
    if (ttl == null || ttl.compareTo(ONE_MICROSECOND) < 0) {
      throw new InvalidInputException(
          setting + " must be at least 1 microsecond, was " + ttl);
    }
    return ttl;
  }

  private static final java.time.Duration ONE_MICROSECOND = java.time.Duration.ofNanos(1000);

  /** A list of index paths: no null, blank or duplicate entry; syntax is checked by the store. */
  static java.util.List<String> indexFields(java.util.List<String> fields, String setting) {
    if (fields == null) {
      throw new InvalidInputException(setting + " must not be null");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String field : fields) {
      if (field == null || field.isBlank()) {
        throw new InvalidInputException(setting + " must not hold a blank path, was " + fields);
      }
      if (!seen.add(field)) {
        throw new InvalidInputException(setting + " names \"" + field + "\" twice");
      }
    }
    return java.util.List.copyOf(fields);
  }

  static Namespace namespace(Namespace namespace, String setting) {
    if (namespace == null) {
      throw new InvalidInputException(setting + " must not be null (use Namespace.root())");
    }
    return namespace;
  }
}
