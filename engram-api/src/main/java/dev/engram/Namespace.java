package dev.engram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hierarchical address for items: an immutable list of labels such as {@code users.alice.prefs}.
 *
 * <p>A label is non-empty, at most {@value #MAX_LABEL_LENGTH} characters, and contains neither
 * {@code .} (the separator of the written form) nor NUL. A namespace has at most {@value
 * #MAX_LABELS} labels. The empty namespace ({@link #root()}) is valid only as a search or listing
 * prefix: items always live in a namespace of at least one label, and the first label {@value
 * #RESERVED_LABEL} is reserved for LangGraph's own use.
 *
 * <p>Namespaces order by their written form in {@linkplain TextOrder code point order}.
 */
public final class Namespace implements Comparable<Namespace> {
  public static final int MAX_LABELS = 32;
  public static final int MAX_LABEL_LENGTH = 256;
  public static final String RESERVED_LABEL = "langgraph";
  public static final char SEPARATOR = '.';

  private static final Namespace ROOT = new Namespace(List.of(), "");

  private final List<String> labels;
  private final String text;

  private Namespace(List<String> labels, String text) {
    this.labels = labels;
    this.text = text;
  }

  /** The empty namespace: as a prefix it matches every namespace. */
  public static Namespace root() {
    return ROOT;
  }

  /** A namespace of the given labels; none at all gives {@link #root()}. */
  public static Namespace of(String... labels) {
    return of(Arrays.asList(labels));
  }

  /**
   * A namespace of the given labels.
   *
   * @throws InvalidInputException naming the offending label when one breaks the rules
   */
  public static Namespace of(List<String> labels) {
    if (labels == null) {
      throw new InvalidInputException("namespace must not be null");
    }
    if (labels.isEmpty()) {
      return ROOT;
    }
    if (labels.size() > MAX_LABELS) {
      throw new InvalidInputException(
          "namespace has " + labels.size() + " labels, more than the maximum of " + MAX_LABELS);
    }
    List<String> copy = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      copy.add(checkLabel(labels.get(i), i));
    }
    return new Namespace(List.copyOf(copy), String.join(".", copy));
  }

  /**
   * Parses the written form: labels joined by {@code .}. The empty string is {@link #root()}.
   *
   * @throws InvalidInputException when a label is empty (e.g. {@code "a..b"}) or breaks a rule
   */
  public static Namespace parse(String text) {
    if (text == null) {
      throw new InvalidInputException("namespace must not be null");
    }
    if (text.isEmpty()) {
      return ROOT;
    }
    return of(Arrays.asList(text.split("\\.", -1)));
  }

  private static String checkLabel(String label, int index) {
    if (label == null) {
      throw new InvalidInputException("namespace label " + (index + 1) + " is null");
    }
    if (label.isEmpty()) {
      throw new InvalidInputException("namespace label " + (index + 1) + " is empty");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new InvalidInputException(
          "namespace label "
              + (index + 1)
              + " is "
              + label.length()
              + " characters, more than the maximum of "
              + MAX_LABEL_LENGTH);
    }
    if (label.indexOf(SEPARATOR) >= 0) {
      throw new InvalidInputException(
          "namespace label " + (index + 1) + " contains '.': \"" + label + "\"");
    }
    Text.requireWellFormed(label, "namespace label " + (index + 1));
    return label;
  }

  /** The labels, outermost first. */
  public List<String> labels() {
    return labels;
  }

  public int size() {
    return labels.size();
  }

  public boolean isRoot() {
    return labels.isEmpty();
  }

  /** Whether {@code prefix} is this namespace or one of its ancestors, label by label. */
  public boolean startsWith(Namespace prefix) {
    if (prefix.labels.size() > labels.size()) {
      return false;
    }
    return labels.subList(0, prefix.labels.size()).equals(prefix.labels);
  }

  /** This namespace cut to at most {@code depth} labels. */
  public Namespace truncate(int depth) {
    return depth >= labels.size() ? this : of(labels.subList(0, depth));
  }

  /** The written form, labels joined by {@code .}; empty for the root. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public int compareTo(Namespace other) {
    return TextOrder.compare(text, other.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Namespace other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
