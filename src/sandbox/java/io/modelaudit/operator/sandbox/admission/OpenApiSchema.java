package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CRD's OpenAPI v3 schema applied by a JSON-schema validator (networknt), its errors reported as
 * a Kubernetes API server reports them: the same field paths ({@code spec.alarms[0].period}, map
 * entries as {@code spec.tags.Environment}), types and messages ({@code Unsupported value}, {@code
 * Too long}, {@code in body should match '...'}).
 *
 * <p>The CRD's schema is OpenAPI 3.0's subset of JSON schema draft 4; it is translated keyword by
 * keyword: {@code nullable} becomes a {@code null} type, {@code x-kubernetes-int-or-string} an
 * integer-or-string, and what only Kubernetes reads ({@code x-kubernetes-*}, {@code default},
 * {@code description}, {@code format}) is left out.
 */
public final class OpenApiSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonMapper JSON3 = JsonMapper.builder().build();

  /** Keywords carried over as they are. */
  private static final Set<String> KEPT =
      Set.of(
          "enum",
          "pattern",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "required");

  private final Schema schema;

  /** Compiles the {@code openAPIV3Schema} of a CRD version. */
  public OpenApiSchema(JsonNode openApiV3Schema) {
    ObjectNode draft4 = translate(openApiV3Schema);
    draft4.put("$schema", "http://json-schema.org/draft-04/schema#");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    this.schema = registry.getSchema(JSON3.readTree(draft4.toString()));
  }

  /** The JSON-schema draft 4 form of an OpenAPI v3 schema node. */
  static ObjectNode translate(JsonNode node) {
    ObjectNode out = JSON.createObjectNode();
    boolean nullable = node.path("nullable").asBoolean(false);
    if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
      ArrayNode types = out.putArray("type").add("integer").add("string");
      if (nullable) {
        types.add("null");
      }
    } else if (node.has("type")) {
      if (nullable) {
        out.putArray("type").add(node.get("type").asText()).add("null");
      } else {
        out.put("type", node.get("type").asText());
      }
    }
    for (Map.Entry<String, JsonNode> keyword : node.properties()) {
      String name = keyword.getKey();
      JsonNode value = keyword.getValue();
      if (KEPT.contains(name)) {
        out.set(name, value.deepCopy());
      } else if (name.equals("properties")) {
        ObjectNode properties = out.putObject("properties");
        value.properties().forEach(p -> properties.set(p.getKey(), translate(p.getValue())));
      } else if (name.equals("items") || name.equals("not")) {
        out.set(name, translate(value));
      } else if (name.equals("additionalProperties")) {
        out.set(name, value.isObject() ? translate(value) : value.deepCopy());
      } else if (name.equals("allOf") || name.equals("anyOf") || name.equals("oneOf")) {
        ArrayNode list = out.putArray(name);
        value.forEach(v -> list.add(translate(v)));
      }
    }
    return out;
  }

  /** Every way the object breaks the schema, as a real API server reports it. */
  public List<FieldError> validate(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    for (Error error : schema.validate(JSON3.readTree(object.toString()))) {
      errors.add(toFieldError(error, object));
    }
    return errors;
  }

  private static FieldError toFieldError(Error error, JsonNode object) {
    NodePath location = error.getInstanceLocation();
    String path = path(location);
    JsonNode value = at(object, location);
    JsonNode keyword = readTree(error.getSchemaNode().toString());
    String field = path.isEmpty() ? "<nil>" : path;
    String name = path.isEmpty() ? "" : path;
    return switch (error.getKeyword()) {
      case "type" -> {
        String found = typeName(value);
        yield FieldError.typeInvalid(
            field,
            found,
            name
                + " in body must be of type "
                + expected(keyword)
                + ": "
                + FieldError.quote(found));
      }
      case "required" ->
          FieldError.required(
              path.isEmpty() ? error.getProperty() : path + "." + error.getProperty());
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        keyword.forEach(v -> allowed.add(v.isTextual() ? v.asText() : v.toString()));
        yield FieldError.notSupported(field, scalar(value), allowed);
      }
      case "maxLength" -> FieldError.tooLong(field, keyword.asLong());
      case "maxItems" -> FieldError.tooMany(field, value.size(), keyword.asLong());
      case "maxProperties" -> FieldError.tooMany(field, value.size(), keyword.asLong());
      case "pattern" ->
          FieldError.invalid(
              field, scalar(value), name + " in body should match '" + keyword.asText() + "'");
      case "minimum" ->
          FieldError.invalid(
              field,
              scalar(value),
              name + " in body should be greater than or equal to " + number(keyword));
      case "maximum" ->
          FieldError.invalid(
              field,
              scalar(value),
              name + " in body should be less than or equal to " + number(keyword));
      case "minLength" ->
          FieldError.invalid(
              field,
              scalar(value),
              name + " in body should be at least " + keyword.asLong() + " chars long");
      case "minItems" ->
          FieldError.invalid(
              field,
              FieldError.OMITTED,
              name + " in body should have at least " + keyword.asLong() + " items");
      case "minProperties" ->
          FieldError.invalid(
              field,
              FieldError.OMITTED,
              name + " in body should have at least " + keyword.asLong() + " properties");
      default -> FieldError.invalid(field, scalar(value), name + " " + error.getMessage());
    };
  }

  /** {@code spec.alarms[0].period}; map entries as {@code spec.tags.Environment}. */
  static String path(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }

  private static JsonNode at(JsonNode object, NodePath location) {
    JsonNode node = object;
    for (int i = 0; i < location.getNameCount() && node != null; i++) {
      Object element = location.getElement(i);
      node = element instanceof Integer index ? node.get(index) : node.get(element.toString());
    }
    return node == null ? JSON.nullNode() : node;
  }

  /** The JSON type of a value as Kubernetes names it: string, integer, number, boolean, ... */
  private static String typeName(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    return "null";
  }

  private static String expected(JsonNode type) {
    return type.isArray() ? type.get(0).asText() : type.asText();
  }

  /** A scalar as a Kubernetes error shows it; objects and lists are left out. */
  static Object scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (Object) value.asLong() : value.asDouble();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNull()) {
      return null;
    }
    return FieldError.OMITTED;
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String number(JsonNode n) {
    double d = n.asDouble();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
