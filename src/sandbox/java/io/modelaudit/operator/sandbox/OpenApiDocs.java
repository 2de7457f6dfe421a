package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 documents kubectl reads: {@code /openapi/v3} lists one document per group version,
 * and each document has a PATCH operation per kind that accepts {@code fieldValidation} (so kubectl
 * leaves validation to the server instead of downloading the v2 schema) and, for custom resources,
 * the CRD's schema (so {@code kubectl explain} works).
 *
 * <p>The sandbox's server honours {@code fieldValidation} for custom resources as a real one does
 * (see {@link SandboxAdmission}): {@code Strict}, kubectl's default, refuses unknown fields; {@code
 * Warn} prunes them with a warning; {@code Ignore} prunes them silently.
 */
final class OpenApiDocs {

  /** One kind served in a group version, with its schema when known. */
  record Kind(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      JsonNode schema) {}

  private final ObjectMapper mapper;

  OpenApiDocs(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The root document; {@code hash} changes whenever a document does, for kubectl's cache. */
  ObjectNode root(Map<String, List<Kind>> kindsByGroupVersion, String hash) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    kindsByGroupVersion
        .keySet()
        .forEach(
            gv ->
                paths
                    .putObject(documentKey(gv))
                    .put("serverRelativeURL", "/openapi/v3/" + documentKey(gv) + "?hash=" + hash));
    return root;
  }

  /** {@code api/v1} for the core group, {@code apis/<group>/<version>} for the others. */
  static String documentKey(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }

  /** The document of one group version. */
  ObjectNode document(List<Kind> kinds) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info")
        .put("title", "ModelAudit sandbox")
        .put("version", SandboxApiDispatcher.SERVER_VERSION);
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (Kind k : kinds) {
      String prefix =
          k.group().isEmpty() ? "/api/" + k.version() : "/apis/" + k.group() + "/" + k.version();
      String path =
          prefix + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural() + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      gvk(patch, k);
      patch
          .putArray("parameters")
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
      if (k.schema() != null) {
        ObjectNode schema = k.schema().deepCopy();
        ObjectNode properties = schema.with("properties");
        properties
            .putObject("apiVersion")
            .put("type", "string")
            .put("description", "APIVersion defines the versioned schema of this object.");
        properties
            .putObject("kind")
            .put("type", "string")
            .put("description", "Kind is a string value representing the REST resource.");
        properties
            .putObject("metadata")
            .put("type", "object")
            .put("description", "Standard object's metadata.");
        gvkList(schema, k);
        schemas.set(schemaName(k), schema);
      }
    }
    return doc;
  }

  private static String schemaName(Kind k) {
    String[] parts = k.group().split("\\.");
    StringBuilder reversed = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      reversed.append(parts[i]).append('.');
    }
    return reversed + k.version() + "." + k.kind();
  }

  private static void gvk(ObjectNode node, Kind k) {
    node.putObject("x-kubernetes-group-version-kind")
        .put("group", k.group())
        .put("version", k.version())
        .put("kind", k.kind());
  }

  private static void gvkList(ObjectNode node, Kind k) {
    node.putArray("x-kubernetes-group-version-kind")
        .addObject()
        .put("group", k.group())
        .put("version", k.version())
        .put("kind", k.kind());
  }
}
