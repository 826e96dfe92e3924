package dev.engram.core;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One LangGraph index path, parsed once: {@code $} (the whole value), {@code a.b}, {@code
 * arr[*].text}, {@code arr[0]}, {@code arr[-1]}, {@code {title,body}} (each of several sub-paths;
 * last in a path: {@code sections[*].{title,text}}). {@link #texts} yields the texts
 * to embed: a string as it is, any other value as its JSON text; a path that leads nowhere yields
 * nothing.
 */
final class IndexPath {
  private sealed interface Step {}

  private record Field(String name) implements Step {}

  private record Element(int index) implements Step {}

  private record EachElement() implements Step {}

  private record EachOf(List<IndexPath> paths) implements Step {}

  private final String text;
  private final List<Step> steps;

  private IndexPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  static List<IndexPath> parseAll(List<String> paths) {
    return paths.stream().map(IndexPath::parse).toList();
  }

  static IndexPath parse(String path) {
    if (path.equals("$")) {
      return new IndexPath(path, List.of());
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '{') {
        int close = matching(path, i, '{', '}');
        List<IndexPath> alternatives = new ArrayList<>();
        for (String part : splitTopLevel(path.substring(i + 1, close), ',')) {
          if (part.isBlank()) {
            throw invalid(path, "has an empty name inside {…}");
          }
          alternatives.add(parse(part.strip()));
        }
        steps.add(new EachOf(alternatives));
        i = close + 1;
        if (i < path.length()) {
          throw invalid(path, "continues after its {…} group, which must come last");
        }
      } else if (c == '[') {
        int close = matching(path, i, '[', ']');
        steps.add(element(path, path.substring(i + 1, close)));
        i = close + 1;
      } else if (c == '.') {
        if (i == 0 || i == path.length() - 1 || path.charAt(i + 1) == '.') {
          throw invalid(path, "has an empty field name");
        }
        i++;
      } else {
        int end = i;
        while (end < path.length() && "{}[].".indexOf(path.charAt(end)) < 0) {
          end++;
        }
        if (end == i || path.substring(i, end).isBlank()) {
          throw invalid(path, "has an unexpected \"" + c + "\" at " + i);
        }
        steps.add(new Field(path.substring(i, end)));
        i = end;
      }
    }
    if (steps.isEmpty()) {
      throw invalid(path, "names nothing");
    }
    return new IndexPath(path, List.copyOf(steps));
  }

  /** The texts this path yields from {@code value}, in document order. */
  List<String> texts(Map<String, Object> value) {
    List<String> out = new ArrayList<>();
    collect(value, 0, out);
    return out;
  }

  @Override
  public String toString() {
    return text;
  }

  private void collect(Object node, int step, List<String> out) {
    if (step == steps.size()) {
      if (node != null) {
        out.add(node instanceof String s ? s : JsonCodec.toJson(node));
      }
      return;
    }
    switch (steps.get(step)) {
      case Field field -> {
        if (node instanceof Map<?, ?> map && map.containsKey(field.name())) {
          collect(map.get(field.name()), step + 1, out);
        }
      }
      case Element element -> {
        if (node instanceof List<?> list) {
          int index = element.index() < 0 ? list.size() + element.index() : element.index();
          if (index >= 0 && index < list.size()) {
            collect(list.get(index), step + 1, out);
          }
        }
      }
      case EachElement each -> {
        if (node instanceof List<?> list) {
          for (Object item : list) {
            collect(item, step + 1, out);
          }
        }
      }
      case EachOf eachOf -> {
        if (node instanceof Map<?, ?> map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> object = (Map<String, Object>) map;
          for (IndexPath alternative : eachOf.paths()) {
            out.addAll(alternative.texts(object));
          }
        }
      }
    }
  }

  private static Step element(String path, String inside) {
    if (inside.equals("*")) {
      return new EachElement();
    }
    try {
      return new Element(Integer.parseInt(inside.strip()));
    } catch (NumberFormatException e) {
      throw invalid(path, "has \"[" + inside + "]\": use [*] or a whole index such as [0] or [-1]");
    }
  }

  private static int matching(String path, int open, char opening, char closing) {
    int depth = 0;
    for (int i = open; i < path.length(); i++) {
      if (path.charAt(i) == opening) {
        depth++;
      } else if (path.charAt(i) == closing && --depth == 0) {
        return i;
      }
    }
    throw invalid(path, "has an unclosed \"" + opening + "\"");
  }

  private static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == separator && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static InvalidInputException invalid(String path, String problem) {
    return new InvalidInputException("index path \"" + path + "\" " + problem);
  }
}
