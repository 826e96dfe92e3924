package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.SearchMode;
import dev.engram.spi.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parsing of argument text shared by the commands; errors name the argument. */
final class Args {
  /** The longest TTL accepted, in minutes: 1,000 years, far inside what timestamps can hold. */
  static final BigDecimal MAX_TTL_MINUTES = BigDecimal.valueOf(1000L * 366 * 24 * 60);

  private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

  private Args() {}

  /** A dot-joined namespace such as {@code users.alice}; empty text is the root. */
  static Namespace namespace(String text, String what) {
    try {
      return Namespace.parse(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "invalid " + what + " \"" + text + "\": " + e.getMessage(), e);
    }
  }

  /** A namespace an item lives in: at least one label. */
  static Namespace itemNamespace(String text) {
    Namespace ns = namespace(text, "namespace");
    if (ns.isRoot()) {
      throw new InvalidInputException("invalid namespace \"\": it needs at least one label");
    }
    return ns;
  }

  /** A JSON object given as text, or read from {@code in} when the text is {@code -}. */
  static Map<String, Object> jsonObject(String text, InputStream in, String what) {
    if ("-".equals(text)) {
      byte[] utf8;
      try {
        utf8 = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + what + " from standard input", e);
      }
      return JsonCodec.parseObject(utf8, what + " (from standard input)");
    }
    return JsonCodec.parseObject(text, what);
  }

  /** A TTL written in minutes, fractions allowed ({@code 0.5} is 30 seconds); must be positive. */
  static Duration ttlMinutes(String text) {
    BigDecimal minutes;
    try {
      minutes = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--ttl must be a number of minutes, was \"" + text + "\"");
    }
    if (minutes.signum() <= 0) {
      throw new InvalidInputException("--ttl must be more than 0 minutes, was " + text);
    }
    if (minutes.compareTo(MAX_TTL_MINUTES) > 0) {
      throw new InvalidInputException(
          "--ttl must be at most " + MAX_TTL_MINUTES + " minutes (1000 years), was " + text);
    }
    // Round up so that a tiny positive TTL never becomes zero.
    BigDecimal nanos = minutes.multiply(NANOS_PER_MINUTE).setScale(0, RoundingMode.CEILING);
    BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
  }

  /** A search mode as written: {@code vector}, {@code keyword} or {@code hybrid}, in any case. */
  static SearchMode searchMode(String text) {
    for (SearchMode mode : SearchMode.values()) {
      if (mode.name().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw new InvalidInputException(
        "--mode must be vector, keyword or hybrid, was \"" + text + "\"");
  }

  /**
   * Index field paths, each option value a comma-separated list. A comma inside braces belongs to
   * the path ({@code {title,body}} is one path), so {@code title,{a,b}} is two.
   */
  static List<String> indexFields(List<String> values) {
    List<String> paths = new ArrayList<>();
    for (String value : values) {
      int depth = 0;
      int start = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        } else if (c == ',' && depth == 0) {
          paths.add(value.substring(start, i).strip());
          start = i + 1;
        }
      }
      paths.add(value.substring(start).strip());
    }
    return paths;
  }
}
