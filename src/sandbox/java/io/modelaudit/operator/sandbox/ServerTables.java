package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns objects into the {@code meta.k8s.io/v1} Table that {@code kubectl get} asks for, the way
 * the API server does: a custom resource gets Name plus its CRD's printer columns, events and
 * namespaces get kubectl's usual columns, anything else Name and Age.
 */
final class ServerTables {

  /** One column: its definition and how a cell is computed from an object. */
  record Column(
      String name, String type, String format, int priority, Function<JsonNode, Object> cell) {}

  private final ObjectMapper mapper;

  ServerTables(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The columns of a resource type; {@code crd} is its definition when it is a custom resource. */
  List<Column> columns(ResourcePath path, Optional<JsonNode> crd, Instant now) {
    List<Column> columns = new ArrayList<>();
    columns.add(
        new Column("Name", "string", "name", 0, o -> o.path("metadata").path("name").asText()));
    if (crd.isPresent()) {
      JsonNode printerColumns =
          servedVersion(crd.get(), path.version()).path("additionalPrinterColumns");
      if (printerColumns.isArray() && !printerColumns.isEmpty()) {
        for (JsonNode column : printerColumns) {
          columns.add(printerColumn(column, now));
        }
      } else {
        columns.add(age(now));
      }
    } else if (path.group().isEmpty() && "events".equals(path.plural())) {
      columns.clear();
      columns.add(new Column("Last Seen", "string", "", 0, o -> Ages.since(lastSeen(o), now)));
      columns.add(new Column("Type", "string", "", 0, o -> o.path("type").asText()));
      columns.add(new Column("Reason", "string", "", 0, o -> o.path("reason").asText()));
      columns.add(
          new Column(
              "Object",
              "string",
              "",
              0,
              o ->
                  o.path("involvedObject").path("kind").asText().toLowerCase(Locale.ROOT)
                      + "/"
                      + o.path("involvedObject").path("name").asText()));
      columns.add(new Column("Message", "string", "", 0, o -> o.path("message").asText()));
    } else if (path.group().isEmpty() && "namespaces".equals(path.plural())) {
      columns.add(
          new Column(
              "Status", "string", "", 0, o -> o.path("status").path("phase").asText("Active")));
      columns.add(age(now));
    } else {
      columns.add(age(now));
    }
    return columns;
  }

  /**
   * The Table of these objects. {@code includeObject} is kubectl's query parameter: None, Object,
   * or (default) PartialObjectMetadata, which kubectl needs for the NAMESPACE column and labels.
   */
  ObjectNode table(
      List<Column> columns, List<JsonNode> objects, String resourceVersion, String includeObject) {
    ObjectNode table = mapper.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", column.format())
          .put("description", "")
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column column : columns) {
        cells.add(mapper.valueToTree(column.cell().apply(object)));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", object);
      } else if (!"None".equals(includeObject)) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata"));
      }
    }
    return table;
  }

  private static Column printerColumn(JsonNode definition, Instant now) {
    String type = definition.path("type").asText("string");
    SimpleJsonPath path = SimpleJsonPath.parse(definition.path("jsonPath").asText());
    Function<JsonNode, Object> cell =
        o -> {
          JsonNode value = path.first(o);
          if (value == null) {
            return null;
          }
          return switch (type) {
            case "date" -> Ages.since(value.asText(), now);
            case "integer" -> value.canConvertToLong() ? value.asLong() : null;
            case "number" -> value.isNumber() ? value.asDouble() : null;
            case "boolean" -> value.isBoolean() ? value.asBoolean() : null;
            default -> value.isValueNode() ? value.asText() : value.toString();
          };
        };
    return new Column(
        definition.path("name").asText(),
        // The API server sends dates as age strings, so the column is text for kubectl.
        "date".equals(type) ? "string" : type,
        definition.path("format").asText(""),
        definition.path("priority").asInt(0),
        cell);
  }

  private static Column age(Instant now) {
    return new Column(
        "Age",
        "string",
        "",
        0,
        o -> Ages.since(o.path("metadata").path("creationTimestamp").asText(null), now));
  }

  private static String lastSeen(JsonNode event) {
    for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
      String value = event.path(field).asText(null);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return event.path("metadata").path("creationTimestamp").asText(null);
  }

  /** The CRD's entry for this version, or a missing node. */
  static JsonNode servedVersion(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        return v;
      }
    }
    return crd.path("spec").path("versions").path(version);
  }
}
