package io.modelaudit.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The corpus of hostile ModelAudits, read from {@code hostile-inputs.yaml}: each case is a valid
 * base spec with a few edits, the field and reason the operator must report, and the first layer of
 * a real API server (schema, CEL rules, or none) that refuses it.
 */
public final class HostileCorpus {

  private static final String RESOURCE = "/hostile-inputs.yaml";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The first admission layer of a real API server that refuses a case. */
  public enum Layer {
    /** The CRD's OpenAPI schema. */
    SCHEMA,
    /** One of the CRD's x-kubernetes-validations rules; the schema accepts the case. */
    CEL,
    /** Nothing in the CRD: only the operator refuses it. */
    OPERATOR
  }

  /**
   * One hostile ModelAudit.
   *
   * @param field the field the operator's Stalled message names
   * @param reason the Stalled reason the operator reports
   * @param caughtBy the first admission layer of a real API server that refuses it
   * @param schemaAt where the schema reports its error, when not at {@code field}; else null
   * @param rule the message of the CEL rule that refuses it; null when none does
   * @param ruleAt where that rule reports, when not at {@code field}; else null
   */
  public record Case(
      String name,
      String field,
      String reason,
      Layer caughtBy,
      String schemaAt,
      String rule,
      String ruleAt,
      ObjectNode resource) {

    /** A fresh copy of the hostile spec; null when the case has none. */
    public JsonNode spec() {
      JsonNode spec = resource.get("spec");
      return spec == null ? null : spec.deepCopy();
    }

    /** A fresh copy of the resource's content: {@code {"spec": ...}} or {@code {}}. */
    public ObjectNode content() {
      return resource.deepCopy();
    }

    /** Where a real API server's schema validation names the case. */
    public String schemaField() {
      return schemaAt == null ? field : schemaAt;
    }

    /** Where a real API server's CEL rule names the case. */
    public String ruleField() {
      return ruleAt == null ? field : ruleAt;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final JsonNode DOCUMENT = read();

  private HostileCorpus() {}

  /** Every case, in the file's order. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : DOCUMENT.path("cases")) {
      cases.add(build(c));
    }
    return cases;
  }

  /** The valid spec every case starts from. */
  public static ObjectNode baseSpec() {
    return ((ObjectNode) DOCUMENT.get("base")).deepCopy();
  }

  private static Case build(JsonNode c) {
    String name = required(c, "name");
    ObjectNode resource = NODES.objectNode();
    resource.set("spec", baseSpec());
    try {
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("set").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> edit = it.next();
        set(resource, edit.getKey(), edit.getValue().deepCopy());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("generate").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> edit = it.next();
        set(resource, edit.getKey(), generate(edit.getValue()));
      }
      for (JsonNode path : c.path("remove")) {
        remove(resource, path.asText());
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("hostile case " + name + ": " + e.getMessage(), e);
    }
    return new Case(
        name,
        required(c, "field"),
        required(c, "reason"),
        Layer.valueOf(required(c, "caughtBy").toUpperCase(java.util.Locale.ROOT)),
        c.hasNonNull("schemaAt") ? c.get("schemaAt").asText() : null,
        c.hasNonNull("rule") ? c.get("rule").asText() : null,
        c.hasNonNull("ruleAt") ? c.get("ruleAt").asText() : null,
        resource);
  }

  // ---- generators ----

  private static JsonNode generate(JsonNode g) {
    if (g.has("repeat")) {
      return NODES.textNode(
          g.path("prefix").asText("") + g.get("repeat").asText().repeat(g.path("times").asInt()));
    }
    if (g.has("items") && g.has("each")) {
      ArrayNode list = NODES.arrayNode();
      for (int i = 0; i < g.get("items").asInt(); i++) {
        list.add(g.get("each").asText().replace("{i}", Integer.toString(i)));
      }
      return list;
    }
    if (g.has("items") && g.has("copyOf")) {
      ObjectNode base = NODES.objectNode();
      base.set("spec", baseSpec());
      JsonNode item = get(base, g.get("copyOf").asText());
      ArrayNode list = NODES.arrayNode();
      for (int i = 0; i < g.get("items").asInt(); i++) {
        ObjectNode copy = (ObjectNode) item.deepCopy();
        for (String key : List.of("name", "id")) {
          if (g.has(key)) {
            copy.put(key, g.get(key).asText().replace("{i}", Integer.toString(i)));
          }
        }
        list.add(copy);
      }
      return list;
    }
    if (g.has("entries")) {
      ObjectNode object = NODES.objectNode();
      for (int i = 0; i < g.get("entries").asInt(); i++) {
        object.set(
            g.get("key").asText().replace("{i}", Integer.toString(i)), g.get("value").deepCopy());
      }
      return object;
    }
    throw new IllegalArgumentException("unknown generator " + g);
  }

  // ---- paths: spec.alarms[0].period, spec.tags["aws:owner"] ----

  static List<Object> parse(String path) {
    List<Object> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char ch = path.charAt(i);
      if (ch == '.') {
        i++;
      } else if (path.startsWith("[\"", i)) {
        int end = path.indexOf("\"]", i + 2);
        steps.add(path.substring(i + 2, end));
        i = end + 2;
      } else if (ch == '[') {
        int end = path.indexOf(']', i);
        steps.add(Integer.parseInt(path.substring(i + 1, end)));
        i = end + 1;
      } else {
        int end = i;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i, end));
        i = end;
      }
    }
    return steps;
  }

  private static JsonNode get(JsonNode root, String path) {
    JsonNode node = root;
    for (Object step : parse(path)) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
      Objects.requireNonNull(node, () -> "no node at " + path);
    }
    return node;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    List<Object> steps = parse(path);
    JsonNode parent = parentOf(root, steps, path);
    Object last = steps.get(steps.size() - 1);
    if (last instanceof Integer index) {
      ArrayNode list = (ArrayNode) parent;
      if (index == list.size()) {
        list.add(value);
      } else {
        list.set(index, value);
      }
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
  }

  private static void remove(ObjectNode root, String path) {
    List<Object> steps = parse(path);
    JsonNode parent = parentOf(root, steps, path);
    Object last = steps.get(steps.size() - 1);
    JsonNode removed =
        last instanceof Integer index
            ? ((ArrayNode) parent).remove(index)
            : ((ObjectNode) parent).remove((String) last);
    Objects.requireNonNull(removed, () -> "nothing to remove at " + path);
  }

  private static JsonNode parentOf(JsonNode root, List<Object> steps, String path) {
    JsonNode node = root;
    for (Object step : steps.subList(0, steps.size() - 1)) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
      Objects.requireNonNull(node, () -> "no parent for " + path);
    }
    return node;
  }

  private static String required(JsonNode c, String key) {
    JsonNode value = c.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("hostile case " + c.path("name") + " lacks " + key);
    }
    return value.asText();
  }

  private static JsonNode read() {
    try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
      Objects.requireNonNull(in, RESOURCE + " is not on the test classpath");
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
