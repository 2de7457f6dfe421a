package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of kubectl's JSONPath that printer columns use: fields ({@code .status.alarmState}),
 * indexes ({@code [0]}, {@code [*]}) and equality filters ({@code [?(@.type=="Ready")]}). Anything
 * else selects nothing, so a column the sandbox cannot evaluate stays empty instead of failing.
 */
final class SimpleJsonPath {

  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z0-9_$-]+)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\*|\\d+)]");
  private static final Pattern FILTER =
      Pattern.compile(
          "\\[\\?\\(@((?:\\.[A-Za-z0-9_$-]+)+)\\s*(==|!=)\\s*(\"[^\"]*\"|'[^']*'|[^)]+)\\)]");

  /** One step of a path. */
  private sealed interface Step permits Field, Index, All, Filter {}

  /** {@code .name} */
  private record Field(String name) implements Step {}

  /** {@code [3]} */
  private record Index(int index) implements Step {}

  /** {@code [*]} */
  private record All() implements Step {}

  /** {@code [?(@.type=="Ready")]} or with {@code !=} */
  private record Filter(List<String> fields, boolean equal, String value) implements Step {}

  private final List<Step> steps;

  private SimpleJsonPath(List<Step> steps) {
    this.steps = steps;
  }

  /** Parses a printer column's path; an unsupported one selects nothing. */
  static SimpleJsonPath parse(String path) {
    List<Step> steps = new ArrayList<>();
    String rest = path.trim();
    while (!rest.isEmpty()) {
      Matcher field = FIELD.matcher(rest);
      Matcher index = INDEX.matcher(rest);
      Matcher filter = FILTER.matcher(rest);
      if (field.lookingAt()) {
        steps.add(new Field(field.group(1)));
        rest = rest.substring(field.end());
      } else if (index.lookingAt()) {
        steps.add(
            "*".equals(index.group(1)) ? new All() : new Index(Integer.parseInt(index.group(1))));
        rest = rest.substring(index.end());
      } else if (filter.lookingAt()) {
        List<String> fields = List.of(filter.group(1).substring(1).split("\\."));
        steps.add(new Filter(fields, "==".equals(filter.group(2)), unquote(filter.group(3))));
        rest = rest.substring(filter.end());
      } else {
        return new SimpleJsonPath(null);
      }
    }
    return new SimpleJsonPath(List.copyOf(steps));
  }

  /** Every node the path selects, in document order. */
  List<JsonNode> select(JsonNode root) {
    if (steps == null) {
      return List.of();
    }
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  /** The first selected scalar or node, or null when nothing matches. */
  JsonNode first(JsonNode root) {
    List<JsonNode> selected = select(root);
    return selected.isEmpty() ? null : selected.get(0);
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> out) {
    if (step instanceof Field f) {
      JsonNode child = node.get(f.name());
      if (child != null && !child.isNull()) {
        out.add(child);
      }
    } else if (step instanceof Index i) {
      if (node.isArray() && i.index() < node.size()) {
        out.add(node.get(i.index()));
      }
    } else if (step instanceof All) {
      node.elements().forEachRemaining(out::add);
    } else if (step instanceof Filter f && node.isArray()) {
      for (JsonNode element : node) {
        JsonNode value = element;
        for (String field : f.fields()) {
          value = value == null ? null : value.get(field);
        }
        boolean matches = value != null && value.isValueNode() && f.value().equals(value.asText());
        if (matches == f.equal()) {
          out.add(element);
        }
      }
    }
  }

  private static String unquote(String literal) {
    String text = literal.trim();
    if (text.length() >= 2
        && (text.startsWith("\"") && text.endsWith("\"")
            || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }
}
