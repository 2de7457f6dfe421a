package io.modelaudit.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Renders the reference of {@code spec} as Markdown from the CRD's OpenAPI schema: one table row
 * per field with its type, limits, default and description, then the rules that span several
 * fields. The descriptions are the API classes' {@code @JsonPropertyDescription}s; a default is
 * read from the description's "Default: ..." sentence (or "X (default)", or "Absent: ...").
 */
final class SpecReference {

  private static final Pattern DEFAULT_SENTENCE =
      Pattern.compile("\\bDefault(?:: | (?=(?:true|false)\\b))(.+?)[.:](?=\\s|$)");
  private static final Pattern DEFAULT_CHOICE = Pattern.compile("(\\w+) \\(default\\)");
  private static final Pattern ABSENT_SENTENCE = Pattern.compile("\\bAbsent: (.+?)\\.(?=\\s|$)");

  private final List<String> rows = new ArrayList<>();
  private final List<String> rules = new ArrayList<>();

  private SpecReference() {}

  /** The Markdown for the schema of {@code spec}. */
  static String render(JsonNode specSchema) {
    SpecReference reference = new SpecReference();
    reference.rules(specSchema, "spec");
    reference.properties(specSchema, "");
    StringBuilder out = new StringBuilder();
    out.append("## Fields\n\n")
        .append("| field | type | limits | default | description |\n")
        .append("|---|---|---|---|---|\n");
    reference.rows.forEach(row -> out.append(row).append('\n'));
    out.append("\n## Rules across fields\n\n")
        .append("CEL rules of the CRD that relate several fields of one object (`spec` is the")
        .append(" whole spec); the operator checks each of them too.\n\n");
    reference.rules.forEach(rule -> out.append(rule).append('\n'));
    return out.toString();
  }

  private void properties(JsonNode schema, String prefix) {
    Set<String> required = texts(schema.path("required"));
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String field = prefix + property.getKey();
      JsonNode fieldSchema = property.getValue();
      rows.add(row(field, fieldSchema, required.contains(property.getKey())));
      JsonNode items = fieldSchema.path("items");
      if (fieldSchema.has("properties")) {
        rules(fieldSchema, field);
        properties(fieldSchema, field + ".");
      } else if (items.has("properties")) {
        rules(items, field + "[]");
        properties(items, field + "[].");
      }
    }
  }

  private static String row(String field, JsonNode schema, boolean required) {
    String description = schema.path("description").asText("");
    return "| `"
        + field
        + "` | "
        + type(schema)
        + " | "
        + cell(limits(schema, required))
        + " | "
        + cell(defaultOf(description))
        + " | "
        + cell(prose(description))
        + " |";
  }

  private static String type(JsonNode schema) {
    String type = schema.path("type").asText();
    if (type.equals("array")) {
      return "list of " + schema.path("items").path("type").asText();
    }
    if (type.equals("object") && schema.has("additionalProperties")) {
      return "map of string to " + schema.path("additionalProperties").path("type").asText();
    }
    return type;
  }

  private static List<String> limits(JsonNode schema, boolean required) {
    List<String> limits = new ArrayList<>();
    if (required) {
      limits.add("required");
    }
    String length = range(schema.path("minLength"), schema.path("maxLength"));
    if (length != null) {
      limits.add(length + " characters");
    }
    if (schema.has("pattern")) {
      limits.add("pattern " + code(schema.get("pattern").asText()));
    }
    if (schema.has("enum")) {
      limits.add(
          "one of "
              + texts(schema.get("enum")).stream()
                  .map(SpecReference::code)
                  .collect(Collectors.joining(", ")));
    }
    String value = range(schema.path("minimum"), schema.path("maximum"));
    if (value != null) {
      limits.add(value);
    }
    if (schema.has("maxItems")) {
      limits.add("≤ " + schema.get("maxItems").asLong() + " items");
    }
    if (schema.has("maxProperties")) {
      limits.add("≤ " + schema.get("maxProperties").asLong() + " entries");
    }
    if (!schema.has("properties")) {
      // An object's own rules span its fields: they are listed as rules across fields.
      for (JsonNode rule : schema.path("x-kubernetes-validations")) {
        limits.add(prose(rule.path("message").asText()));
      }
    }
    return limits;
  }

  /** "1-512", "≤ 1024" or "≥ 1"; null when neither bound is set. */
  private static String range(JsonNode min, JsonNode max) {
    if (min.isMissingNode() && max.isMissingNode()) {
      return null;
    }
    if (min.isMissingNode()) {
      return "≤ " + max.asLong();
    }
    if (max.isMissingNode()) {
      return "≥ " + min.asLong();
    }
    return min.asLong() + "-" + max.asLong();
  }

  /** The object's own CEL rules, which span its fields. */
  private void rules(JsonNode schema, String object) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      rules.add("- `" + object + "`: " + prose(rule.path("message").asText()));
    }
  }

  private static String defaultOf(String description) {
    for (Pattern pattern : List.of(DEFAULT_SENTENCE, DEFAULT_CHOICE)) {
      Matcher matcher = pattern.matcher(description);
      if (matcher.find()) {
        return prose(matcher.group(1));
      }
    }
    Matcher absent = ABSENT_SENTENCE.matcher(description);
    return absent.find() ? "absent: " + prose(absent.group(1)) : "";
  }

  private static String cell(List<String> parts) {
    return cell(String.join("; ", parts));
  }

  private static String cell(String text) {
    return text.isEmpty() ? "—" : text;
  }

  /** Text as Markdown shows it literally: no HTML tags, no emphasis, no table breaks. */
  private static String prose(String text) {
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String code(String text) {
    return "`" + text.replace("|", "\\|") + "`";
  }

  private static Set<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
