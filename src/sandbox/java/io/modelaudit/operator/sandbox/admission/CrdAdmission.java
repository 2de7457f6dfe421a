package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Kubernetes API server does with a custom resource before it stores it, for one CRD
 * version: prunes the fields the schema does not know, drops nulls it has no use for, applies the
 * schema's defaults, validates the result against the OpenAPI schema and then, unless the schema
 * found a blocking error, against the x-kubernetes-validations rules (with the stored object for
 * transition rules). A refusal becomes the 422 {@code Invalid} Status kubectl prints as {@code The
 * ModelAudit "x" is invalid: spec.logGroup.class: Unsupported value: ...}.
 *
 * <p>Not modelled: validation ratcheting (a real server lets an update keep an invalid value that
 * did not change), the runtime cost budget of the rules, and metadata validation.
 */
public final class CrdAdmission {

  /** The detail Kubernetes adds when a blocking schema error keeps the CEL rules from running. */
  static final String RULES_NOT_CHECKED =
      "some validation rules were not checked because the object was invalid; correct the existing"
          + " errors to complete validation";

  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String group;
  private final String kind;
  private final SchemaNode root;
  private final OpenApiSchema schema;
  private final CelRules rules;
  private final List<CelCost.Estimate> costs;

  private CrdAdmission(String group, String kind, JsonNode openApiV3Schema) {
    this.group = group;
    this.kind = kind;
    this.root = SchemaNode.of(openApiV3Schema);
    this.schema = new OpenApiSchema(openApiV3Schema);
    this.rules = CelRules.compile(root);
    this.costs = CelCost.estimate(rules);
  }

  /** A CRD a real API server would refuse to install, with the reasons. */
  public static final class InvalidCrdException extends RuntimeException {
    private final List<FieldError> errors;

    InvalidCrdException(String name, List<FieldError> errors) {
      super(
          "CustomResourceDefinition.apiextensions.k8s.io \""
              + name
              + "\" is invalid: "
              + errors.stream().map(FieldError::toString).toList());
      this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
      return errors;
    }
  }

  /**
   * The admission of a CRD's version, as the API server builds it when the CRD is installed.
   *
   * @throws InvalidCrdException when a rule does not compile or the rules are over Kubernetes' cost
   *     limits: a real API server refuses such a CRD
   * @throws IllegalArgumentException when the CRD has no such version
   */
  public static CrdAdmission of(JsonNode crd, String version) {
    JsonNode spec = crd.path("spec");
    JsonNode versions = spec.path("versions");
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      if (!version.equals(v.path("name").asText())) {
        continue;
      }
      String prefix = "spec.versions[" + i + "].schema.";
      String name = crd.path("metadata").path("name").asText();
      CrdAdmission admission;
      try {
        admission =
            new CrdAdmission(
                spec.path("group").asText(),
                spec.path("names").path("kind").asText(),
                v.path("schema").path("openAPIV3Schema"));
      } catch (CelRules.InvalidRulesException e) {
        throw new InvalidCrdException(
            name,
            e.errors().stream()
                .map(c -> FieldError.invalid(prefix + c.location(), c.rule(), c.detail()))
                .toList());
      }
      List<FieldError> overBudget =
          CelCost.violations(admission.costs).stream()
              .map(
                  violation -> {
                    int colon = violation.indexOf(": Forbidden: ");
                    return FieldError.forbidden(
                        prefix + violation.substring(0, colon),
                        violation.substring(colon + ": Forbidden: ".length()));
                  })
              .toList();
      if (!overBudget.isEmpty()) {
        throw new InvalidCrdException(name, overBudget);
      }
      return admission;
    }
    throw new IllegalArgumentException("the CRD has no version " + version);
  }

  /** The compiled rules. */
  public CelRules rules() {
    return rules;
  }

  /**
   * The object as it would be stored, or why it is refused.
   *
   * @param unknownFields the fields pruned because the schema does not know them, e.g. {@code
   *     spec.alarms[0].severity}: what {@code fieldValidation=Strict} refuses and {@code Warn}
   *     warns about
   */
  public record Result(ObjectNode object, List<FieldError> errors, List<String> unknownFields) {
    public boolean allowed() {
      return errors.isEmpty();
    }
  }

  /**
   * Admits a create ({@code old} null) or an update of an object.
   *
   * @return the pruned and defaulted object, with the errors that refuse it (none when allowed)
   */
  public Result admit(JsonNode object, JsonNode old) {
    ObjectNode candidate = decoded(object);
    List<String> unknown = new ArrayList<>();
    prune(candidate, root, "", unknown);
    dropNulls(candidate, root);
    applyDefaults(candidate, root);
    List<FieldError> errors = new ArrayList<>(schema.validate(candidate));
    if (errors.stream().anyMatch(e -> e.type().blocksCel())) {
      errors.add(FieldError.invalid("<nil>", null, RULES_NOT_CHECKED));
    } else {
      errors.addAll(rules.validate(candidate, old));
    }
    return new Result(candidate, dedupe(errors), List.copyOf(unknown));
  }

  /** Only the schema's verdict on the object as the server sees it (pruned, defaulted). */
  public List<FieldError> schemaErrors(JsonNode object) {
    ObjectNode candidate = decoded(object);
    prune(candidate, root, "", new ArrayList<>());
    dropNulls(candidate, root);
    applyDefaults(candidate, root);
    return schema.validate(candidate);
  }

  /** The 422 Status of a refused object, as a real API server answers it. */
  public ObjectNode invalidStatus(String name, List<FieldError> errors) {
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    List<String> messages = errors.stream().map(FieldError::toString).toList();
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put(
        "message",
        qualifiedKind
            + " \""
            + name
            + "\" is invalid: "
            + (messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]"));
    status.put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    details.put("name", name);
    details.put("group", group);
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError error : errors) {
      causes
          .addObject()
          .put("reason", error.type().cause())
          .put("message", error.body())
          .put("field", error.field());
    }
    status.put("code", 422);
    return status;
  }

  // ---- decoding, pruning, nulls, defaults: what the API server does before it validates ----

  /**
   * A copy of the object with numbers as the API server's JSON decoder reads them: an integer that
   * does not fit in 64 bits becomes a floating-point number (and so fails an integer's type).
   */
  static ObjectNode decoded(JsonNode object) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    widenHugeIntegers(copy);
    return copy;
  }

  private static void widenHugeIntegers(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object
          .properties()
          .forEach(
              e -> {
                if (e.getValue().isBigInteger() && !e.getValue().canConvertToLong()) {
                  e.setValue(JSON.getNodeFactory().numberNode(e.getValue().doubleValue()));
                } else {
                  widenHugeIntegers(e.getValue());
                }
              });
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isBigInteger() && !item.canConvertToLong()) {
          array.set(i, JSON.getNodeFactory().numberNode(item.doubleValue()));
        } else {
          widenHugeIntegers(item);
        }
      }
    }
  }

  /**
   * Removes the fields the schema does not know, unless it preserves unknown fields there, and adds
   * their paths to {@code pruned}.
   */
  static void prune(JsonNode value, SchemaNode node, String path, List<String> pruned) {
    if (node == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      if (node.additionalProperties() != null) {
        object
            .properties()
            .forEach(
                e ->
                    prune(
                        e.getValue(),
                        node.additionalProperties(),
                        child(path, e.getKey()),
                        pruned));
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        SchemaNode property = node.properties().get(field.getKey());
        if (property != null) {
          prune(field.getValue(), property, child(path, field.getKey()), pruned);
        } else if (!node.preservesUnknownFields()
            && !(path.isEmpty() && ROOT_FIELDS.contains(field.getKey()))) {
          pruned.add(child(path, field.getKey()));
          it.remove();
        }
      }
    } else if (value.isArray() && node.items() != null) {
      for (int i = 0; i < value.size(); i++) {
        prune(value.get(i), node.items(), path + "[" + i + "]", pruned);
      }
    }
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Drops nulls where the schema neither allows them nor has a default to put in their place. */
  static void dropNulls(JsonNode value, SchemaNode node) {
    if (node == null) {
      return;
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        SchemaNode child = node.child(field.getKey());
        if (field.getValue().isNull()
            && child != null
            && !child.nullable()
            && child.defaultValue().isEmpty()) {
          it.remove();
        } else {
          dropNulls(field.getValue(), child);
        }
      }
    } else if (value.isArray()) {
      value.forEach(item -> dropNulls(item, node.items()));
    }
  }

  /** Fills absent fields (and nulls the schema does not allow) with the schema's defaults. */
  static void applyDefaults(JsonNode value, SchemaNode node) {
    if (node == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      node.properties()
          .forEach(
              (name, property) -> {
                JsonNode current = object.get(name);
                boolean missing = current == null || (current.isNull() && !property.nullable());
                if (missing && property.defaultValue().isPresent()) {
                  object.set(name, property.defaultValue().get().deepCopy());
                }
              });
      object.properties().forEach(e -> applyDefaults(e.getValue(), node.child(e.getKey())));
    } else if (value.isArray()) {
      value.forEach(item -> applyDefaults(item, node.items()));
    }
  }

  private static List<FieldError> dedupe(List<FieldError> errors) {
    Set<String> seen = new LinkedHashSet<>();
    List<FieldError> unique = new ArrayList<>();
    for (FieldError error : errors) {
      if (seen.add(error.toString())) {
        unique.add(error);
      }
    }
    return unique;
  }
}
