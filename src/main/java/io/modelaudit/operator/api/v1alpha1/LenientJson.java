package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the spec and status of a ModelAudit without ever failing on JSON of the wrong type.
 *
 * <p>An API server that enforces the CRD schema never stores {@code period: "sixty"}, but one that
 * does not (an older CRD, a schema-less test server) does. Jackson would then fail on the whole
 * resource, and a resource the informer cannot read stops the informer: the operator would serve
 * nobody. So each wrong value is dropped from what the operator reads and recorded as an {@link
 * UnreadableField} with its path, which validation reports as Stalled/InvalidSpec.
 *
 * <p>Reading is also stricter than Jackson's defaults: it accepts exactly the JSON types of the
 * schema (no {@code "7"} for 7, no 1.5 for an integer, no 3.2 for a string), as the API server
 * would.
 */
final class LenientJson {

  /** Ends the search for wrong values on a pathological input; the resource is then unreadable. */
  private static final int MAX_UNREADABLE = 10_000;

  private static final ObjectMapper STRICT = strictMapper();

  private LenientJson() {}

  /** Reads the spec; what could not be read is in {@link ModelAuditSpec#getUnreadableFields()}. */
  public static final class SpecDeserializer extends Lenient<ModelAuditSpec> {

    public SpecDeserializer() {
      super(ModelAuditSpec.class, "spec", ModelAuditSpec::new);
    }

    @Override
    void keep(ModelAuditSpec spec, List<UnreadableField> unreadable) {
      spec.setUnreadableFields(unreadable);
    }
  }

  /**
   * Reads the status; a value of the wrong type is dropped, since the operator writes the status
   * anew on its next reconcile.
   */
  public static final class StatusDeserializer extends Lenient<ModelAuditStatus> {

    public StatusDeserializer() {
      super(ModelAuditStatus.class, "status", ModelAuditStatus::new);
    }
  }

  /**
   * Reads one part of the resource with {@link #read}; {@link #keep} may record what it dropped.
   */
  private abstract static class Lenient<T> extends StdDeserializer<T> {
    private final Class<T> type;
    private final String root;
    private final Supplier<T> empty;

    Lenient(Class<T> type, String root, Supplier<T> empty) {
      super(type);
      this.type = type;
      this.root = root;
      this.empty = empty;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode node = context.readTree(parser);
      List<UnreadableField> unreadable = new ArrayList<>();
      T value = read(node, type, root, unreadable, empty);
      keep(value, unreadable);
      return value;
    }

    void keep(T value, List<UnreadableField> unreadable) {}
  }

  /** Makes the strict mapper use Jackson's plain bean reading for the two lenient classes. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  private abstract static class PlainBean {}

  /**
   * Reads the node as the type; drops every value of the wrong JSON type and records it in {@code
   * unreadable}.
   */
  static <T> T read(
      JsonNode node,
      Class<T> type,
      String root,
      List<UnreadableField> unreadable,
      Supplier<T> empty) {
    if (!node.isObject()) {
      unreadable.add(new UnreadableField(root, "must be an object, got " + describe(node)));
      return empty.get();
    }
    ObjectNode work = ((ObjectNode) node).deepCopy();
    for (int attempt = 0; attempt < MAX_UNREADABLE; attempt++) {
      try {
        return STRICT.treeToValue(work, type);
      } catch (JsonMappingException e) {
        List<Reference> path = e.getPath();
        if (path.isEmpty() || !drop(work, path, root, type, unreadable)) {
          unreadable.add(new UnreadableField(root, "cannot be read: " + e.getOriginalMessage()));
          return empty.get();
        }
      } catch (IOException e) {
        unreadable.add(new UnreadableField(root, "cannot be read: " + e.getMessage()));
        return empty.get();
      }
    }
    unreadable.add(
        new UnreadableField(root, "has more than " + MAX_UNREADABLE + " values of the wrong type"));
    return empty.get();
  }

  /** Records the value at the path and removes it (a list item becomes null); false if absent. */
  private static boolean drop(
      ObjectNode work,
      List<Reference> path,
      String root,
      Class<?> type,
      List<UnreadableField> unreadable) {
    JsonNode parent = work;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = child(parent, path.get(i));
      if (parent == null) {
        return false;
      }
    }
    Reference last = path.get(path.size() - 1);
    JsonNode bad = child(parent, last);
    if (bad == null) {
      return false;
    }
    unreadable.add(
        new UnreadableField(render(root, path), expectation(type, path, bad) + describe(bad)));
    if (parent instanceof ObjectNode object && last.getFieldName() != null) {
      object.remove(last.getFieldName());
      return true;
    }
    if (parent instanceof ArrayNode array && last.getIndex() >= 0) {
      array.set(last.getIndex(), NullNode.getInstance());
      return true;
    }
    return false;
  }

  private static JsonNode child(JsonNode parent, Reference step) {
    if (step.getFieldName() != null && parent.isObject()) {
      return parent.get(step.getFieldName());
    }
    if (step.getIndex() >= 0 && parent.isArray()) {
      return parent.get(step.getIndex());
    }
    return null;
  }

  /** The path as validation writes it: {@code spec.alarms[0].period}, {@code spec.tags["k"]}. */
  private static String render(String root, List<Reference> path) {
    StringBuilder out = new StringBuilder(root);
    for (Reference step : path) {
      if (step.getFieldName() == null) {
        out.append('[').append(step.getIndex()).append(']');
      } else if (step.getFrom() instanceof Map) {
        String key = step.getFieldName().replace("\\", "\\\\").replace("\"", "\\\"");
        out.append("[\"").append(key).append("\"]");
      } else {
        out.append('.').append(step.getFieldName());
      }
    }
    return out.toString();
  }

  /** What the schema wants at the path, e.g. "must be an integer, got ". */
  private static String expectation(Class<?> type, List<Reference> path, JsonNode bad) {
    JavaType at = STRICT.constructType(type);
    for (Reference step : path) {
      if (at == null) {
        break;
      }
      at = at.isContainerType() ? at.getContentType() : propertyType(at, step.getFieldName());
    }
    if (at == null) {
      return "has the wrong type, got ";
    }
    Class<?> raw = at.getRawClass();
    if (at.isCollectionLikeType() || at.isArrayType()) {
      return "must be a list, got ";
    }
    if (at.isMapLikeType()) {
      return "must be an object of names and values, got ";
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return bad.isIntegralNumber() && !bad.canConvertToInt()
          ? "must be an integer between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE
              + ", got "
          : "must be an integer, got ";
    }
    if (Number.class.isAssignableFrom(raw) || raw == double.class) {
      return "must be a number, got ";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "must be true or false, got ";
    }
    if (raw == String.class) {
      return "must be a string, got ";
    }
    return "must be an object, got ";
  }

  private static JavaType propertyType(JavaType bean, String name) {
    if (name == null) {
      return null;
    }
    BeanDescription description = STRICT.getDeserializationConfig().introspect(bean);
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.getName().equals(name)) {
        return property.getPrimaryType();
      }
    }
    return null;
  }

  /** The JSON value in a few words, cut short so a huge value cannot flood the status. */
  private static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    String text = node.isTextual() ? node.textValue() : node.asText();
    if (text.codePointCount(0, text.length()) > 64) {
      text = text.substring(0, text.offsetByCodePoints(0, 61)) + "...";
    }
    return node.isTextual() ? "\"" + text + "\"" : text;
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addMixIn(ModelAuditSpec.class, PlainBean.class)
            .addMixIn(ModelAuditStatus.class, PlainBean.class)
            .build();
    refuse(
        mapper,
        LogicalType.Textual,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean);
    refuse(
        mapper,
        LogicalType.Integer,
        CoercionInputShape.String,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString,
        CoercionInputShape.Float);
    refuse(
        mapper,
        LogicalType.Float,
        CoercionInputShape.String,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    refuse(
        mapper,
        LogicalType.Boolean,
        CoercionInputShape.String,
        CoercionInputShape.Integer,
        CoercionInputShape.EmptyString);
    return mapper;
  }

  /** Makes reading a value of the type from JSON of these shapes fail instead of converting it. */
  private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }
}
