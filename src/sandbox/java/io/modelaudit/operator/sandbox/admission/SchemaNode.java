package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a CRD's structural schema ({@code openAPIV3Schema}), with its children resolved: what
 * pruning, defaulting and the CEL rules walk along the object.
 *
 * @param location where the node sits in the CRD, as Kubernetes names it in CRD errors, e.g. {@code
 *     openAPIV3Schema.properties[spec].properties[alarms].items}
 */
public record SchemaNode(
    String location,
    JsonNode json,
    Map<String, SchemaNode> properties,
    SchemaNode items,
    SchemaNode additionalProperties) {

  /** Builds the tree of a CRD version's {@code openAPIV3Schema}. */
  public static SchemaNode of(JsonNode openApiV3Schema) {
    return build("openAPIV3Schema", openApiV3Schema);
  }

  private static SchemaNode build(String location, JsonNode json) {
    Map<String, SchemaNode> properties = new LinkedHashMap<>();
    json.path("properties")
        .properties()
        .forEach(
            p ->
                properties.put(
                    p.getKey(), build(location + ".properties[" + p.getKey() + "]", p.getValue())));
    SchemaNode items =
        json.path("items").isObject() ? build(location + ".items", json.get("items")) : null;
    SchemaNode additional =
        json.path("additionalProperties").isObject()
            ? build(location + ".additionalProperties", json.get("additionalProperties"))
            : null;
    return new SchemaNode(
        location, json, Collections.unmodifiableMap(properties), items, additional);
  }

  public String type() {
    return json.path("type").asText("");
  }

  public boolean nullable() {
    return json.path("nullable").asBoolean(false);
  }

  public boolean preservesUnknownFields() {
    return json.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  public boolean intOrString() {
    return json.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  public Optional<JsonNode> defaultValue() {
    return Optional.ofNullable(json.get("default"));
  }

  public Optional<Long> maxLength() {
    return json.has("maxLength") ? Optional.of(json.get("maxLength").asLong()) : Optional.empty();
  }

  public Optional<Long> maxItems() {
    return json.has("maxItems") ? Optional.of(json.get("maxItems").asLong()) : Optional.empty();
  }

  public Optional<Long> maxProperties() {
    return json.has("maxProperties")
        ? Optional.of(json.get("maxProperties").asLong())
        : Optional.empty();
  }

  /** The schema of a child field or map entry; null when the schema does not know it. */
  public SchemaNode child(String key) {
    SchemaNode property = properties.get(key);
    return property != null ? property : additionalProperties;
  }

  /** The node's x-kubernetes-validations rules, in order. */
  public List<JsonNode> validations() {
    List<JsonNode> rules = new ArrayList<>();
    json.path("x-kubernetes-validations").forEach(rules::add);
    return rules;
  }

  /** This node and every node under it, parents first. */
  public List<SchemaNode> walk() {
    List<SchemaNode> all = new ArrayList<>();
    all.add(this);
    properties.values().forEach(p -> all.addAll(p.walk()));
    if (items != null) {
      all.addAll(items.walk());
    }
    if (additionalProperties != null) {
      all.addAll(additionalProperties.walk());
    }
    return all;
  }
}
